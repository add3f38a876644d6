package dev.sluice.connector.file;

import dev.sluice.api.Session;
import dev.sluice.conf.Options;
import dev.sluice.connector.Sink;
import dev.sluice.connector.SinkBatch;
import dev.sluice.connector.SinkContext;
import dev.sluice.types.DataTypes;
import dev.sluice.types.Row;
import dev.sluice.types.StructType;
import dev.sluice.vector.ColumnBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Drives a json file sink directly with batch ids, as the engine does on replay. */
final class FileStreamSinkHarness {
  private static final StructType SCHEMA = new StructType().add("v", DataTypes.IntegerType);
  private final Session session;
  private final Path out;
  private final Sink sink;

  FileStreamSinkHarness(Session session, Path out) {
    this.session = session;
    this.out = out;
    this.sink = new JsonProvider().createSink(new SinkContext(new Options(Map.of("path", out.toString())), SCHEMA,
        "append", null, Map.of()));
  }

  void addBatch(long id, Integer... values) {
    List<Object[]> rows = new ArrayList<>();
    for (Integer v : values) {
      rows.add(new Object[] {v});
    }
    ColumnBatch b = ColumnBatch.fromRows(SCHEMA.types(), rows);
    sink.addBatch(id, new SinkBatch(SCHEMA, List.of(List.of(b)), java.util.concurrent.ForkJoinPool.commonPool()));
  }

  List<String> readBack() {
    List<String> out = new ArrayList<>();
    for (Row r : session.read().schema("v INT").json(this.out.toString()).collectAsList()) {
      out.add(r.toString());
    }
    out.sort(null);
    return out;
  }
}
