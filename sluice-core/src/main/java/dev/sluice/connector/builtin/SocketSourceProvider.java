package dev.sluice.connector.builtin;

import dev.sluice.conf.Options;
import dev.sluice.connector.InputPartition;
import dev.sluice.connector.LongOffset;
import dev.sluice.connector.Offset;
import dev.sluice.connector.ReadLimit;
import dev.sluice.connector.Source;
import dev.sluice.connector.SourceContext;
import dev.sluice.connector.SourceProvider;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.types.DataTypes;
import dev.sluice.types.StructType;
import dev.sluice.vector.ColumnBatch;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code format("socket")}: reads UTF-8 lines from a TCP server ({@code host}, {@code port}) into a
 * {@code value} column, plus {@code timestamp} (arrival time) with {@code includeTimestamp=true}.
 * For tests and demos only: lines live in memory, so the source is NOT fault-tolerant (a restarted
 * query cannot replay lines received before the restart).
 */
public final class SocketSourceProvider implements SourceProvider {
  private static final Logger LOG = LoggerFactory.getLogger(SocketSourceProvider.class);

  @Override
  public java.util.Set<String> optionNames() {
    return java.util.Set.of("host", "port", "includeTimestamp");
  }

  @Override
  public String shortName() {
    return "socket";
  }

  @Override
  public StructType schema(SourceContext ctx) {
    StructType s = new StructType().add("value", DataTypes.StringType);
    if (ctx.options().getBoolean("includeTimestamp", false)) {
      s = s.add("timestamp", DataTypes.TimestampType);
    }
    return s;
  }

  @Override
  public Source createSource(SourceContext ctx) {
    Options o = ctx.options();
    String host = o.require("host", "socket source", "e.g. option(\"host\", \"localhost\")");
    int port = o.getInt("port", -1);
    if (port <= 0) {
      throw new SluiceException(ErrorClass.MISSING_OPTION, "socket source", "port", "e.g. option(\"port\", 9999)");
    }
    return new SocketSource(host, port, schema(ctx));
  }

  static final class SocketSource implements Source {
    private final StructType schema;
    private final String host;
    private final int port;
    private final List<Object[]> lines = new ArrayList<>();
    private final Socket socket;
    private final Thread reader;
    private volatile IOException failure;
    private long dropped;

    SocketSource(String host, int port, StructType schema) {
      this.host = host;
      this.port = port;
      this.schema = schema;
      try {
        socket = new Socket(host, port);
      } catch (IOException e) {
        throw new SluiceException(ErrorClass.INVALID_OPTION, "host:port", host + ":" + port,
            "cannot connect to the socket server (" + e.getMessage() + "); start it first, e.g. `nc -lk " + port + "`");
      }
      boolean withTs = schema.size() > 1;
      reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
          String line;
          while ((line = r.readLine()) != null) {
            long ts = System.currentTimeMillis() * 1000L;
            synchronized (this) {
              lines.add(withTs ? new Object[] {line, ts} : new Object[] {line});
            }
          }
        } catch (IOException e) {
          if (!socket.isClosed()) {
            failure = e;
            LOG.warn("Socket source {}:{} stopped reading: {}", host, port, e.getMessage());
          }
        }
      }, "sluice-socket-" + host + ":" + port);
      reader.setDaemon(true);
      reader.start();
    }

    @Override
    public StructType schema() {
      return schema;
    }

    @Override
    public Offset initialOffset() {
      return new LongOffset(0);
    }

    @Override
    public synchronized Offset latestOffset(Offset start, ReadLimit limit) {
      if (failure != null) {
        throw new SluiceException(ErrorClass.INTERNAL_ERROR, failure, "Socket source " + host + ":" + port
            + " failed: " + failure.getMessage());
      }
      long from = start == null ? 0 : ((LongOffset) start).value();
      long end = dropped + lines.size();
      if (limit.maxRows() != Long.MAX_VALUE) {
        end = Math.min(end, from + limit.maxRows());
      }
      return new LongOffset(end);
    }

    @Override
    public synchronized List<InputPartition> planInputPartitions(Offset start, Offset end) {
      long from = start == null ? 0 : ((LongOffset) start).value();
      long to = ((LongOffset) end).value();
      if (from < dropped) {
        throw new SluiceException(ErrorClass.INTERNAL_ERROR, "The socket source cannot replay lines " + from + ".."
            + dropped + ": they were discarded after commit (the socket source is not fault-tolerant)");
      }
      List<Object[]> rows = new ArrayList<>(lines.subList((int) (from - dropped), (int) (to - dropped)));
      if (rows.isEmpty()) {
        return List.of();
      }
      ColumnBatch b = ColumnBatch.fromRows(schema.types(), rows);
      return List.of(() -> List.of(b).iterator());
    }

    @Override
    public synchronized void commit(Offset end) {
      long to = ((LongOffset) end).value();
      int n = (int) (to - dropped);
      if (n > 0) {
        lines.subList(0, Math.min(n, lines.size())).clear();
        dropped = to;
      }
    }

    @Override
    public Offset deserializeOffset(String json) {
      return LongOffset.parse(json);
    }

    @Override
    public void stop() {
      try {
        socket.close();
      } catch (IOException e) {
        LOG.debug("closing socket", e);
      }
    }

    @Override
    public String description() {
      return "TextSocketSource[host: " + host + ", port: " + port + "]";
    }
  }
}
