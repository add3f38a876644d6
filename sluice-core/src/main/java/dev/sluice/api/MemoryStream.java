package dev.sluice.api;

import dev.sluice.conf.Options;
import dev.sluice.connector.LongOffset;
import dev.sluice.connector.Source;
import dev.sluice.connector.SourceContext;
import dev.sluice.connector.SourceProvider;
import dev.sluice.connector.builtin.MemorySource;
import dev.sluice.plan.logical.StreamingRelation;
import dev.sluice.types.Row;
import dev.sluice.types.StructType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A stream you feed from code, for tests and demos: each {@link #addData} call becomes new input,
 * processed by the next micro-batch. Its data lives in memory, so a query restarted in the same JVM
 * replays it, but a new JVM does not have it. Thread-safe.
 *
 * <pre>{@code
 * MemoryStream events = MemoryStream.create(session, "word STRING, n INT");
 * StreamingQuery q = events.toDF().groupBy("word").count()
 *     .writeStream().format("memory").queryName("counts").outputMode("complete").start();
 * events.addData(Row.of("a", 1), Row.of("b", 2));
 * q.processAllAvailable();
 * }</pre>
 */
public final class MemoryStream {
  private final Session session;
  private final MemorySource source;
  private final int id;
  private StreamingRelation relation;

  private MemoryStream(Session session, StructType schema, String name) {
    this.session = session;
    this.source = new MemorySource(schema, name, session.sluiceConf().executorThreads());
    this.id = session.nextRelationId();
  }

  public static MemoryStream create(Session session, StructType schema) {
    return new MemoryStream(session, schema, schema.toDDL());
  }

  /** {@code create(session, "word STRING, n INT")}. */
  public static MemoryStream create(Session session, String ddlSchema) {
    return create(session, session.parseSchema(ddlSchema));
  }

  public StructType schema() {
    return source.schema();
  }

  /** Appends rows (one block); returns the offset that includes them. */
  public LongOffset addData(Row... rows) {
    return source.addData(Arrays.asList(rows));
  }

  public LongOffset addData(List<Row> rows) {
    return source.addData(rows);
  }

  /**
   * Appends blocks already in columnar form (columns in schema order, internal values); each batch
   * is one offset step. The fast path for feeding large inputs (benchmarks, replay tools).
   */
  public LongOffset addBatches(List<dev.sluice.vector.ColumnBatch> batches) {
    return source.addBatches(batches);
  }

  public LongOffset currentOffset() {
    return source.currentOffset();
  }

  /** The stream as a streaming DataFrame. */
  /**
   * The stream as a DataFrame. Every call returns the same relation (the same columns), as Spark's
   * does, so {@code s.toDF().col("a")} can be used in a join or filter of another {@code s.toDF()}.
   */
  public DataFrame toDF() {
    return new DataFrame(session, relation());
  }

  private synchronized StreamingRelation relation() {
    if (relation == null) {
      SourceProvider provider = new SourceProvider() {
        @Override
        public String shortName() {
          return "memory";
        }

        @Override
        public StructType schema(SourceContext ctx) {
          return source.schema();
        }

        @Override
        public Source createSource(SourceContext ctx) {
          return source;
        }
      };
      SourceContext ctx = new SourceContext(new Options(Map.of()), source.schema(), Map.of(), null);
      relation = new StreamingRelation(provider, ctx, Session.attributes(source.schema()), source.description(), id);
    }
    return relation;
  }

  /** Every row added so far, as a batch DataFrame. */
  public DataFrame snapshot() {
    List<dev.sluice.vector.ColumnBatch> all = new java.util.ArrayList<>();
    source.blocks().forEachRemaining(all::add);
    return new DataFrame(session, new dev.sluice.plan.logical.LocalRelation(Session.attributes(source.schema()), all,
        false, source.description()));
  }

  @Override
  public String toString() {
    return source.description();
  }
}
