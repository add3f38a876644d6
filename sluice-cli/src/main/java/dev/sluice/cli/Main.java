package dev.sluice.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.DataFrame;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.api.streaming.StreamingQueryException;
import dev.sluice.api.streaming.StreamingQueryListener;
import dev.sluice.api.streaming.StreamingQueryProgress;
import dev.sluice.errors.SluiceException;
import dev.sluice.types.Row;
import dev.sluice.types.StructType;
import dev.sluice.types.ValueFormat;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code sluice} command line.
 *
 * <pre>
 *   sluice run JOB.sql            run a SQL job; keeps running while a streaming query runs
 *   sluice sql -e "STATEMENTS"    run statements, print the last query's result (--json for JSON lines)
 *   sluice demo                   a rate source aggregated live to the console
 * </pre>
 * Progress lines go to stderr; results to stdout. Ctrl-C / SIGTERM stops queries gracefully: the
 * batch in progress finishes, so the checkpoint stays consistent.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
      err.println(usage());
      return args.length == 0 ? 2 : 0;
    }
    try {
      return switch (args[0]) {
        case "run" -> runJob(args, out, err);
        case "sql" -> runSql(args, out, err);
        case "demo" -> demo(args, out, err);
        case "kafka-dev" -> KafkaDevCommand.run(args, out, err);
        case "version" -> {
          out.println("sluice " + version());
          yield 0;
        }
        default -> {
          err.println("Unknown command '" + args[0] + "'.\n" + usage());
          yield 2;
        }
      };
    } catch (StreamingQueryException e) {
      err.println("error: " + message(e));
      return 1;
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 2;
    } catch (SluiceException e) {
      err.println("error: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
  }

  static String usage() {
    return """
        usage: sluice <command> [options]

          run JOB.sql [--conf key=value ...]      run the SQL statements of a file; streaming queries started by
                                                  INSERT INTO keep the job running until they end or Ctrl-C
          sql -e "STATEMENTS" [--json] [--conf k=v]
                                                  run statements and print the result of the last query
          demo [--rows-per-second N] [--seconds S]
                                                  stream the built-in rate source into a running count per key
          version                                 print the version
        """;
  }

  private static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  private static String message(StreamingQueryException e) {
    Throwable c = e.getCause();
    return c == null ? e.getMessage() : c.getMessage();
  }

  private static Session session(List<String> confs) {
    Session.Builder b = Session.builder();
    for (String c : confs) {
      int eq = c.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--conf expects key=value, got '" + c + "'");
      }
      b.config(c.substring(0, eq).trim(), c.substring(eq + 1).trim());
    }
    return b.getOrCreate();
  }

  // ------------------------------------------------------------------ run

  private static int runJob(String[] args, PrintStream out, PrintStream err) throws IOException {
    String file = null;
    List<String> confs = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--conf") && i + 1 < args.length) {
        confs.add(args[++i]);
      } else if (file == null) {
        file = args[i];
      } else {
        err.println("Unexpected argument '" + args[i] + "'.\n" + usage());
        return 2;
      }
    }
    if (file == null) {
      err.println("run needs a SQL file.\n" + usage());
      return 2;
    }
    Path path = Paths.get(file);
    if (!Files.isRegularFile(path)) {
      err.println("error: no such file: " + path.toAbsolutePath());
      return 1;
    }
    String sql = Files.readString(path, StandardCharsets.UTF_8);
    Session session = session(confs);
    return executeAndWait(session, sql, out, err, false);
  }

  /** Runs statements; prints batch query results; waits for streaming queries. */
  static int executeAndWait(Session session, String sql, PrintStream out, PrintStream err, boolean json) {
    session.streams().addListener(new ProgressPrinter(err));
    Thread hook = new Thread(() -> {
      err.println("sluice: stopping " + session.streams().active().size() + " streaming query(ies) gracefully...");
      session.close();
    }, "sluice-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      List<dev.sluice.sql.Statement> statements = dev.sluice.sql.SqlParser.parseStatements(sql);
      DataFrame last = null;
      // Every query the job starts, so one that already ended (or failed) by the time we wait is still waited for.
      List<StreamingQuery> started = new ArrayList<>();
      for (dev.sluice.sql.Statement st : statements) {
        DataFrame df = session.execute(st);
        StreamingQuery q = session.lastStartedQuery();
        if (q != null && !started.contains(q)) {
          started.add(q);
        }
        if (st instanceof dev.sluice.sql.Statement.QueryStatement || st instanceof dev.sluice.sql.Statement.Explain
            || st instanceof dev.sluice.sql.Statement.SetConfig) {
          if (df.isStreaming()) {
            throw new SluiceException(dev.sluice.errors.ErrorClass.STREAM_REQUIRED,
                "A streaming SELECT in a job must write somewhere: declare a sink with CREATE TABLE ... USING console "
                    + "(or another format) and use INSERT INTO sink SELECT ...");
          }
          last = df;
        }
      }
      if (last != null && last.columns().length > 0) {
        print(last, out, json);
      }
      int code = 0;
      for (StreamingQuery q : started) {
        try {
          q.awaitTermination();
        } catch (StreamingQueryException e) {
          err.println("error: query " + (q.name() != null ? q.name() : q.id()) + " failed: " + message(e));
          code = 1;
        }
      }
      return code;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
        session.close();
      } catch (IllegalStateException e) {
        // shutting down already
      }
    }
  }

  private static void print(DataFrame df, PrintStream out, boolean json) {
    if (!json) {
      // Whole cells, right-aligned (truncate 0 would align them left, as Spark's show(false) does).
      out.print(df.showString(Integer.MAX_VALUE - 1, Integer.MAX_VALUE));
      return;
    }
    ObjectMapper m = new ObjectMapper();
    StructType schema = df.schema();
    for (Row r : df.collectAsList()) {
      ObjectNode o = m.createObjectNode();
      for (int i = 0; i < schema.size(); i++) {
        Object v = r.get(i);
        String name = schema.field(i).name();
        if (v == null) {
          o.putNull(name);
        } else if (v instanceof Integer x) {
          o.put(name, x);
        } else if (v instanceof Long x) {
          o.put(name, x);
        } else if (v instanceof Double x) {
          o.put(name, x);
        } else if (v instanceof Boolean x) {
          o.put(name, x);
        } else {
          Object internal = dev.sluice.types.Values.toInternal(v, schema.field(i).dataType());
          o.put(name, ValueFormat.toStringValue(internal, schema.field(i).dataType()));
        }
      }
      out.println(o);
    }
  }

  // ------------------------------------------------------------------ sql -e

  private static int runSql(String[] args, PrintStream out, PrintStream err) {
    String sql = null;
    boolean json = false;
    List<String> confs = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "-e" -> sql = i + 1 < args.length ? args[++i] : null;
        case "--json" -> json = true;
        case "--conf" -> {
          if (i + 1 < args.length) {
            confs.add(args[++i]);
          }
        }
        default -> {
          err.println("Unexpected argument '" + args[i] + "'.\n" + usage());
          return 2;
        }
      }
    }
    if (sql == null) {
      err.println("sql needs -e \"STATEMENTS\".\n" + usage());
      return 2;
    }
    return executeAndWait(session(confs), sql, out, err, json);
  }

  // ------------------------------------------------------------------ demo

  private static int demo(String[] args, PrintStream out, PrintStream err) {
    long rps = 5;
    long seconds = 0;
    for (int i = 1; i < args.length; i++) {
      switch (args[i]) {
        case "--rows-per-second" -> rps = Long.parseLong(args[++i]);
        case "--seconds" -> seconds = Long.parseLong(args[++i]);
        default -> {
          err.println("Unexpected argument '" + args[i] + "'.\n" + usage());
          return 2;
        }
      }
    }
    String sql = "CREATE TABLE ticks USING rate OPTIONS (rowsPerSecond '" + rps + "');\n"
        + "CREATE TABLE out USING console OPTIONS (outputMode 'complete', trigger 'processingTime=2 seconds', "
        + "queryName 'demo');\n"
        + "INSERT INTO out SELECT value % 5 AS key, count(*) AS events, sum(value) AS total, max(timestamp) AS latest "
        + "FROM STREAM(ticks) GROUP BY value % 5 ORDER BY key;\n";
    err.println("sluice demo: " + rps + " rows/s from the rate source, a running count per key every 2 seconds"
        + (seconds > 0 ? " for " + seconds + " s" : "; Ctrl-C to stop"));
    Session session = Session.builder().getOrCreate();
    if (seconds > 0) {
      long s = seconds;
      Thread stopper = new Thread(() -> {
        try {
          Thread.sleep(s * 1000);
        } catch (InterruptedException e) {
          return;
        }
        session.streams().active().forEach(StreamingQuery::stop);
      }, "sluice-demo-timer");
      stopper.setDaemon(true);
      stopper.start();
    }
    return executeAndWait(session, sql, out, err, false);
  }

  /** Prints one line per micro-batch to stderr. */
  static final class ProgressPrinter extends StreamingQueryListener {
    private final PrintStream err;

    ProgressPrinter(PrintStream err) {
      this.err = err;
    }

    @Override
    public void onQueryStarted(QueryStartedEvent e) {
      err.println("sluice: query " + (e.name() != null ? e.name() : e.id()) + " started (id " + e.id() + ")");
    }

    @Override
    public void onQueryProgress(QueryProgressEvent e) {
      StreamingQueryProgress p = e.progress();
      StringBuilder sb = new StringBuilder("sluice: ");
      sb.append(p.name() != null ? p.name() : p.id().toString().substring(0, 8));
      sb.append(" batch ").append(p.batchId()).append(": ").append(p.numInputRows()).append(" rows in ")
          .append(p.batchDuration()).append(" ms");
      sb.append(String.format(", %.1f rows/s in, %.1f rows/s processed", p.inputRowsPerSecond(),
          p.processedRowsPerSecond()));
      if (p.eventTime().containsKey("watermark")) {
        sb.append(", watermark ").append(p.eventTime().get("watermark"));
      }
      long state = p.stateOperators().stream().mapToLong(StreamingQueryProgress.StateOperatorProgress::numRowsTotal)
          .sum();
      if (!p.stateOperators().isEmpty()) {
        sb.append(", state rows ").append(state);
      }
      sb.append(", output ").append(p.sink().numOutputRows()).append(" rows");
      err.println(sb);
    }

    @Override
    public void onQueryTerminated(QueryTerminatedEvent e) {
      err.println("sluice: query " + e.id() + " stopped" + (e.exception() != null ? " with error: " + e.exception() : ""));
    }
  }
}
