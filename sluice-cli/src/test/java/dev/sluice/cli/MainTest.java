package dev.sluice.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as users run it: exit codes, results on stdout, progress and errors on stderr. */
class MainTest {
  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void sqlPrintsTheLastQueryAsATable() {
    Result r = run("sql", "-e", "SET sluice.sql.shuffle.partitions = 2; SELECT upper('a') AS u, 1 + 2 AS three");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("""
        +---+-----+
        |  u|three|
        +---+-----+
        |  A|    3|
        +---+-----+
        """);
  }

  @Test
  void sqlPrintsJsonLines() {
    Result r = run("sql", "--json", "-e", "SELECT 1 AS a, 'x' AS b, CAST(NULL AS INT) AS c, DATE '2026-01-02' AS d");
    assertThat(r.code()).isZero();
    assertThat(r.out().strip()).isEqualTo("{\"a\":1,\"b\":\"x\",\"c\":null,\"d\":\"2026-01-02\"}");
  }

  @Test
  void errorsExitNonZeroWithTheMessage() {
    Result r = run("sql", "-e", "SELECT nope FROM (SELECT 1 AS a)");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("UNRESOLVED_COLUMN").contains("`nope`").contains("`a`");
    Result parse = run("sql", "-e", "SELECT FROM WHERE");
    assertThat(parse.code()).isEqualTo(1);
    assertThat(parse.err()).contains("PARSE_SYNTAX_ERROR").contains("line 1");
    assertThat(run("frobnicate").code()).isEqualTo(2);
  }

  @Test
  void aJobWithAnAvailableNowQueryRunsToTheEndAndExitsZero(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("ckpt");
    Path job = dir.resolve("job.sql");
    Files.writeString(job, """
        CREATE TABLE nums (n INT) USING memory;
        CREATE TABLE sink USING memory OPTIONS (outputMode 'complete', trigger 'availableNow',
          checkpointLocation '%s');
        INSERT INTO sink SELECT n %% 2 AS parity, count(*) AS c FROM STREAM(nums) GROUP BY n %% 2;
        """.formatted(out.toString().replace("\\", "/")));
    Result r = run("run", job.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("started");
  }

  @Test
  void aStreamingSelectWithoutASinkIsRefused() {
    Result r = run("sql", "-e", "CREATE TABLE t USING rate; SELECT * FROM STREAM(t)");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("INSERT INTO");
  }

  /** SIGTERM lets the batch in progress finish: every planned batch is committed when the process ends. */
  @Test
  void sigtermStopsGracefullyWithAConsistentCheckpoint(@TempDir Path dir) throws Exception {
    Path ckpt = dir.resolve("ckpt");
    Path job = dir.resolve("job.sql");
    Files.writeString(job, """
        CREATE TABLE ticks USING rate OPTIONS (rowsPerSecond '200');
        CREATE TABLE out USING noop OPTIONS (outputMode 'update', checkpointLocation '%s',
          trigger 'processingTime=200 milliseconds');
        INSERT INTO out SELECT value %% 10 AS k, count(*) AS c FROM STREAM(ticks) GROUP BY value %% 10;
        """.formatted(ckpt.toString().replace("\\", "/")));
    String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run",
        job.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
    long deadline = System.currentTimeMillis() + 30_000;
    while (System.currentTimeMillis() < deadline && !Files.exists(ckpt.resolve("commits/2"))) {
      Thread.sleep(50);
    }
    assertThat(ckpt.resolve("commits/2")).exists();
    p.destroy(); // SIGTERM
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String log = Files.readString(dir.resolve("log.txt"));
    assertThat(log).contains("stopping 1 streaming query");
    try (var offsets = Files.list(ckpt.resolve("offsets")); var commits = Files.list(ckpt.resolve("commits"))) {
      long lastOffset = offsets.map(f -> f.getFileName().toString()).filter(n -> n.matches("\\d+"))
          .mapToLong(Long::parseLong).max().orElse(-1);
      long lastCommit = commits.map(f -> f.getFileName().toString()).filter(n -> n.matches("\\d+"))
          .mapToLong(Long::parseLong).max().orElse(-1);
      assertThat(lastCommit).isEqualTo(lastOffset);
    }
  }

  /** A streaming query that fails before the job waits for it still makes the job fail. */
  @Test
  void aQueryFailingAtOnceExitsNonZeroWithTheError(@TempDir Path dir) throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("a.json"), "{\"s\": \"x\"}\n");
    Path job = dir.resolve("job.sql");
    Files.writeString(job, """
        CREATE TABLE src (s STRING) USING json OPTIONS (path '%s');
        CREATE TABLE out USING noop OPTIONS (trigger 'availableNow', queryName 'bad');
        INSERT INTO out SELECT CAST(s AS INT) AS n FROM STREAM(src);
        SELECT count(*) FROM (SELECT explode(sequence(1, 300000)));
        """.formatted(in.toString().replace("\\", "/")));
    Result r = run("run", job.toString());
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).contains("bad").contains("CAST_INVALID_INPUT");
  }

  /**
   * INSERT INTO with the sink table's options: queryName, trigger once and a checkpoint; running the
   * job again continues from the checkpoint instead of reading everything again.
   */
  @Test
  void insertIntoOptionsAndARestartFromTheCheckpoint(@TempDir Path dir) throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("1.json"), "{\"k\": \"a\"}\n{\"k\": \"b\"}\n");
    Path out = dir.resolve("out");
    Path job = dir.resolve("job.sql");
    Files.writeString(job, """
        SET sluice.sql.shuffle.partitions = 2;
        CREATE TABLE src (k STRING) USING json OPTIONS (path '%s');
        CREATE TABLE dst USING json OPTIONS (path '%s', checkpointLocation '%s', trigger 'once',
          outputMode 'append', queryName 'copy');
        INSERT INTO dst SELECT upper(k) AS k FROM STREAM(src);
        """.formatted(in.toString().replace("\\", "/"), out.toString().replace("\\", "/"),
        dir.resolve("ckpt").toString().replace("\\", "/")));
    Result first = run("run", job.toString());
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.err()).contains("copy");
    Files.writeString(in.resolve("2.json"), "{\"k\": \"c\"}\n");
    Result second = run("run", job.toString());
    assertThat(second.code()).as(second.err()).isZero();
    Result read = run("sql", "--json", "-e", "SELECT k FROM json.`" + out.toString().replace("\\", "/")
        + "` ORDER BY k");
    assertThat(read.out().strip().split("\n")).containsExactly("{\"k\":\"A\"}", "{\"k\":\"B\"}",
        "{\"k\":\"C\"}");
  }

  /**
   * A job whose sink log was deleted is refused by name, with the clean message and exit code 1, and
   * no stack trace on stderr (traces of user errors are at debug level).
   */
  @Test
  void aRefusedCheckpointPrintsTheMessageWithoutAStackTrace(@TempDir Path dir) throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("1.json"), "{\"k\": \"a\"}\n");
    Path out = dir.resolve("out");
    Path job = dir.resolve("job.sql");
    Files.writeString(job, """
        CREATE TABLE src (k STRING) USING json OPTIONS (path '%s');
        CREATE TABLE dst USING json OPTIONS (path '%s', checkpointLocation '%s', trigger 'availableNow',
          queryName 'copy');
        INSERT INTO dst SELECT k FROM STREAM(src);
        """.formatted(in.toString().replace("\\", "/"), out.toString().replace("\\", "/"),
        dir.resolve("ckpt").toString().replace("\\", "/")));
    assertThat(run("run", job.toString()).code()).isZero();
    try (var s = Files.walk(out.resolve("_sluice_metadata"))) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    Files.writeString(in.resolve("2.json"), "{\"k\": \"b\"}\n");
    PrintStream systemErr = System.err;
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    Result r;
    System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
    try {
      r = run("run", job.toString());
    } finally {
      System.setErr(systemErr);
    }
    String log = logged.toString(StandardCharsets.UTF_8);
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.err()).contains("CHECKPOINT_UNUSABLE").contains("_sluice_metadata");
    assertThat(log).as("the engine logged the error").contains("terminated with error").contains("_sluice_metadata");
    assertThat(log + r.err()).doesNotContain("\tat dev.sluice").doesNotContain("Exception:");
  }

  /** The SQL jobs of examples/ (those without Kafka) parse, analyze and start. */
  @Test
  void theExampleJobsStart(@TempDir Path dir) throws Exception {
    try (var files = Files.list(Path.of("..", "examples"))) {
      var jobs = files.filter(f -> f.toString().endsWith(".sql") && !f.getFileName().toString().startsWith("kafka"))
          .toList();
      assertThat(jobs).isNotEmpty();
      for (Path job : jobs) {
        String sql = Files.readString(job).replace("/tmp/sluice-examples", dir.toString().replace("\\", "/"));
        try (dev.sluice.api.Session session = dev.sluice.api.Session.builder().getOrCreate()) {
          for (dev.sluice.sql.Statement st : dev.sluice.sql.SqlParser.parseStatements(sql)) {
            session.execute(st);
          }
          assertThat(session.streams().active()).as(job.toString()).hasSize(1);
        }
      }
    }
  }
}
