package dev.sluice.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file-to-file streaming job (json files in, partitioned json files out) in a child JVM is killed
 * with SIGKILL at random moments, restarted from its checkpoint each time, and its output folder,
 * read through the sink log, must hold exactly the rows of the uninterrupted run. The in-suite
 * version runs a few kills; {@code scripts/file-crash-test.sh} runs many.
 */
class FileCrashRecoveryTest {
  @Test
  void killedFileToFileJobWritesEveryRowExactlyOnce(@TempDir Path dir) throws Exception {
    FileCrashDriver.Result r = FileCrashDriver.run(dir, 3, new Random(11));
    assertThat(r.rows()).isEqualTo(FileCrashDriver.expected());
    assertThat(r.killedMidRun()).isGreaterThan(0);
  }
}
