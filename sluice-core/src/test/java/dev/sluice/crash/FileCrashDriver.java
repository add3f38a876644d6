package dev.sluice.crash;

import dev.sluice.api.Session;
import dev.sluice.types.Row;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link FileCrashJob} in child JVMs, kills it with SIGKILL at random moments several times,
 * lets it finish, and compares the output folder (read through its sink log, as any Sluice reader
 * does) with the output of the uninterrupted job: every row once, none lost, none twice.
 *
 * <pre>java -cp TEST_CLASSPATH dev.sluice.crash.FileCrashDriver [runs] [killsPerRun] [workDir] [seed]</pre>
 * Prints one line per run and {@code N/N identical} at the end; exits 1 if any run differs.
 */
public final class FileCrashDriver {
  static final int FILES = 40;
  static final int ROWS_PER_FILE = 1500;

  private FileCrashDriver() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int kills = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    Path work = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("sluice-file-crash");
    Random random = new Random(args.length > 3 ? Long.parseLong(args[3]) : System.nanoTime());
    int identical = 0;
    List<String> expected = expected();
    for (int r = 0; r < runs; r++) {
      Path dir = work.resolve("run-" + r);
      Result res = run(dir, kills, random);
      boolean ok = res.rows.equals(expected);
      identical += ok ? 1 : 0;
      System.out.printf("run %d: %d kills (%d landed mid-run), %d sink log entries, %s%n", r, kills, res.killedMidRun,
          res.logEntries, ok ? "identical" : "DIFFERENT: " + res.rows.size() + " rows, expected " + expected.size());
      if (ok) {
        CrashDriver.deleteRecursively(dir);
      }
    }
    System.out.printf("%d/%d identical%n", identical, runs);
    System.exit(identical == runs ? 0 : 1);
  }

  record Result(List<String> rows, int killedMidRun, long logEntries) {}

  /** The input files, written before the first run (each complete before it is in the folder). */
  static void writeInput(Path in) throws IOException {
    Files.createDirectories(in);
    for (int f = 0; f < FILES; f++) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < ROWS_PER_FILE; i++) {
        long id = (long) f * ROWS_PER_FILE + i;
        sb.append("{\"id\":").append(id).append(",\"g\":").append(id % 5).append(",\"v\":\"x").append(id)
            .append("\"}\n");
      }
      Path tmp = in.resolve(".tmp-" + f);
      Files.writeString(tmp, sb, StandardCharsets.UTF_8);
      Files.move(tmp, in.resolve(String.format("in-%03d.json", f)));
    }
  }

  /** What the uninterrupted job writes, one "id g v" line per row, sorted. */
  static List<String> expected() {
    List<String> out = new ArrayList<>();
    for (long id = 0; id < (long) FILES * ROWS_PER_FILE; id++) {
      if (id % 7 != 0) {
        out.add(id + " " + (id % 5) + " X" + id);
      }
    }
    out.sort(null);
    return out;
  }

  static Result run(Path dir, int kills, Random random) throws Exception {
    Path in = dir.resolve("in");
    Path out = dir.resolve("out");
    Path checkpoint = dir.resolve("checkpoint");
    writeInput(in);
    int midRun = 0;
    for (int k = 0; k < kills; k++) {
      Process p = start(in, out, checkpoint);
      if (Kills.duringABatch(p, checkpoint, random)) {
        midRun++;
      }
    }
    Process last = start(in, out, checkpoint);
    if (!last.waitFor(180, TimeUnit.SECONDS)) {
      last.destroyForcibly();
      throw new IllegalStateException("the final run did not finish in 180 s");
    }
    String output = new String(last.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (last.exitValue() != 0 || !output.contains("DONE")) {
      throw new IllegalStateException("the final run failed (exit " + last.exitValue() + "):\n" + output);
    }
    return new Result(readOutput(out), midRun, countLogEntries(out));
  }

  static List<String> readOutput(Path out) {
    List<String> rows = new ArrayList<>();
    try (Session s = Session.builder().getOrCreate()) {
      for (Row r : s.read().schema("id BIGINT, v STRING, g INT").json(out.toString()).collectAsList()) {
        rows.add(r.getLong(0) + " " + r.getInt(2) + " " + r.getString(1));
      }
    }
    rows.sort(null);
    return rows;
  }

  private static long countLogEntries(Path out) throws IOException {
    try (var s = Files.list(out.resolve("_sluice_metadata"))) {
      return s.filter(p -> p.getFileName().toString().matches("\\d+")).count();
    }
  }

  static Process start(Path in, Path out, Path checkpoint) throws IOException {
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        FileCrashJob.class.getName(), in.toString(), out.toString(), checkpoint.toString())
        .redirectErrorStream(true).start();
  }
}
