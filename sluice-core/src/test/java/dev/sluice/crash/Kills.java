package dev.sluice.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/** SIGKILLs for the crash tests, timed on the job's progress in its checkpoint. */
final class Kills {
  private Kills() {}

  /**
   * Waits until a streaming job in a child JVM has planned one to three new batches (new entries in
   * its offset log), lets it run a random few milliseconds more (into planning, the sink write, or
   * between the offset and the commit log), then kills it with SIGKILL. Timed on the job's progress
   * rather than the clock, so the kill lands mid-run however fast the machine runs the job. False
   * when the job finished first.
   */
  static boolean duringABatch(Process p, Path checkpoint, Random random) throws Exception {
    Path offsets = checkpoint.resolve("offsets");
    long target = batchEntries(offsets) + 1 + random.nextInt(3);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (p.isAlive() && batchEntries(offsets) < target && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    Thread.sleep(random.nextInt(40));
    if (!p.isAlive()) {
      return false;
    }
    p.destroyForcibly(); // SIGKILL
    p.waitFor();
    return true;
  }

  private static long batchEntries(Path logDir) throws IOException {
    if (!Files.isDirectory(logDir)) {
      return 0;
    }
    try (var s = Files.list(logDir)) {
      return s.filter(f -> f.getFileName().toString().matches("\\d+")).count();
    }
  }
}
