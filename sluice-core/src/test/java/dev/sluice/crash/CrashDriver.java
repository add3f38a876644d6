package dev.sluice.crash;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs {@link CrashJob} in child JVMs, kills it with SIGKILL at random moments several times, lets it
 * finish, and compares the result with the exact expected counts: no row lost, none counted twice.
 *
 * <pre>java -cp TEST_CLASSPATH dev.sluice.crash.CrashDriver [runs] [killsPerRun] [workDir]</pre>
 * Prints one line per run and {@code N/N identical} at the end; exits 1 if any run differs.
 */
public final class CrashDriver {
  static final long TOTAL = 120_000;
  static final long PER_BATCH = 3_000;

  private CrashDriver() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int kills = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path work = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("sluice-crash");
    int identical = 0;
    Random random = new Random(args.length > 3 ? Long.parseLong(args[3]) : System.nanoTime());
    for (int r = 0; r < runs; r++) {
      Path dir = work.resolve("run-" + r);
      Result res = run(dir, kills, random);
      boolean ok = res.finalCounts.equals(expected());
      identical += ok ? 1 : 0;
      System.out.printf("run %d: %d kills (%d landed mid-run), %d batch files, %s%n", r, kills, res.killedMidRun,
          res.batchFiles, ok ? "identical" : "DIFFERENT: " + diff(expected(), res.finalCounts));
      if (ok) {
        deleteRecursively(dir);
      }
    }
    System.out.printf("%d/%d identical%n", identical, runs);
    System.exit(identical == runs ? 0 : 1);
  }

  record Result(Map<Integer, String> finalCounts, int killedMidRun, int batchFiles) {}

  static Result run(Path dir, int kills, Random random) throws Exception {
    Path checkpoint = dir.resolve("checkpoint");
    Path out = dir.resolve("out");
    Files.createDirectories(out);
    int midRun = 0;
    for (int k = 0; k < kills; k++) {
      Process p = start(checkpoint, out);
      if (Kills.duringABatch(p, checkpoint, random)) {
        midRun++;
      }
    }
    Process last = start(checkpoint, out);
    if (!last.waitFor(120, TimeUnit.SECONDS)) {
      last.destroyForcibly();
      throw new IllegalStateException("the final run did not finish in 120 s");
    }
    String output = new String(last.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (last.exitValue() != 0 || !output.contains("DONE")) {
      throw new IllegalStateException("the final run failed (exit " + last.exitValue() + "):\n" + output);
    }
    return new Result(replay(out), midRun, countFiles(out));
  }

  static Process start(Path checkpoint, Path out) throws IOException {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), CrashJob.class.getName(),
        checkpoint.toString(), out.toString(), Long.toString(TOTAL), Long.toString(PER_BATCH), "60")
        .redirectErrorStream(true).start();
  }

  /** Applies the batch files in batch order: the latest update of each key wins. */
  static Map<Integer, String> replay(Path out) throws IOException {
    Map<Integer, String> state = new TreeMap<>();
    try (Stream<Path> files = Files.list(out)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("batch-"))
          .sorted(Comparator.comparing(Path::toString)).toList()) {
        for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            String[] parts = line.split(" ");
            state.put(Integer.parseInt(parts[0]), parts[1] + " " + parts[2]);
          }
        }
      }
    }
    return state;
  }

  static Map<Integer, String> expected() {
    Map<Integer, long[]> acc = new TreeMap<>();
    for (long x = 0; x < TOTAL; x++) {
      long[] a = acc.computeIfAbsent((int) (x % 97), k -> new long[2]);
      a[0]++;
      a[1] += x * 7 % 1000;
    }
    Map<Integer, String> out = new TreeMap<>();
    acc.forEach((k, a) -> out.put(k, a[0] + " " + a[1]));
    return out;
  }

  static String diff(Map<Integer, String> want, Map<Integer, String> got) {
    for (Map.Entry<Integer, String> e : want.entrySet()) {
      String g = got.get(e.getKey());
      if (!e.getValue().equals(g)) {
        return "key " + e.getKey() + ": expected " + e.getValue() + " got " + g;
      }
    }
    return got.size() + " keys vs " + want.size();
  }

  private static int countFiles(Path out) throws IOException {
    try (Stream<Path> s = Files.list(out)) {
      return (int) s.count();
    }
  }

  static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(x);
      }
    }
  }
}
