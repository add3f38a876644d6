package dev.sluice.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A streaming aggregation in a child JVM is killed with SIGKILL at random moments (while planning,
 * writing the sink, between the offset and commit logs, committing state), restarted from its
 * checkpoint each time, and finally compared with the exact expected result. The in-suite version
 * runs a few kills; {@code scripts/crash-test.sh} runs many.
 */
class CrashRecoveryTest {
  @Test
  void killedAndRestartedJobCountsEveryRowExactlyOnce(@TempDir Path dir) throws Exception {
    CrashDriver.Result r = CrashDriver.run(dir, 4, new Random(7));
    assertThat(r.finalCounts()).isEqualTo(CrashDriver.expected());
    assertThat(r.killedMidRun()).isGreaterThan(0);
  }
}
