package dev.sluice.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.DataFrame;
import dev.sluice.api.MemoryStream;
import dev.sluice.api.Session;
import dev.sluice.api.streaming.StreamingQuery;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.types.ArrayType;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DateTimeUtil;
import dev.sluice.types.DecimalType;
import dev.sluice.types.Row;
import dev.sluice.types.StructField;
import dev.sluice.types.StructType;
import dev.sluice.types.Values;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Spark conformance case (format: conformance/README.md): runs its SQL as a stream fed step by
 * step and as a batch query, and compares both with what Spark produced.
 */
final class ConformanceCase {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  final String name;
  private final JsonNode root;

  private ConformanceCase(String name, JsonNode root) {
    this.name = name;
    this.root = root;
  }

  static ConformanceCase load(Path file) throws IOException {
    JsonNode n = JSON.readTree(Files.readString(file));
    return new ConformanceCase(n.get("name").asText(), n);
  }

  /** Thrown when Sluice's behaviour differs from Spark's; the message is the first difference. */
  static final class Mismatch extends AssertionError {
    Mismatch(String message) {
      super(message);
    }
  }

  private Session newSession() {
    Session.Builder b = Session.builder()
        .config("sluice.sql.shuffle.partitions", "2")
        // Spark produced the cases with two local cores (local[2]): its local scans split in two.
        .config("sluice.executor.threads", "2")
        .config("sluice.sql.session.timeZone", "UTC");
    JsonNode conf = root.get("conf");
    if (conf != null) {
      conf.fields().forEachRemaining(e -> b.config(e.getKey(), e.getValue().asText()));
    }
    return b.getOrCreate();
  }

  private boolean expectsError() {
    JsonNode e = root.get("expected").get("error");
    return e != null && !e.isNull();
  }

  /** Runs the streaming and the batch part; throws {@link Mismatch} on the first difference. */
  void run() {
    runStreaming();
    runBatch();
  }

  // ------------------------------------------------------------------ streaming

  private void runStreaming() {
    try (Session session = newSession()) {
      Map<String, MemoryStream> streams = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = root.get("streams").fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        StructType schema = session.parseSchema(e.getValue().get("schema").asText());
        MemoryStream ms = MemoryStream.create(session, schema);
        streams.put(e.getKey(), ms);
        DataFrame df = ms.toDF();
        JsonNode wm = e.getValue().get("watermark");
        if (wm != null && !wm.isNull()) {
          df = df.withWatermark(wm.get("column").asText(), wm.get("delay").asText());
        }
        df.createOrReplaceTempView(e.getKey());
      }
      registerTables(session);
      String mode = root.get("outputMode").asText();
      List<List<Row>> batches = new ArrayList<>();
      List<Long> batchIds = new ArrayList<>();
      StreamingQuery q;
      try {
        DataFrame result = session.sql(root.get("sql").asText());
        q = result.writeStream().outputMode(mode).foreachBatch((df, id) -> {
          synchronized (batches) {
            batches.add(df.collectAsList());
            batchIds.add(id);
          }
        }).start();
      } catch (RuntimeException e) {
        if (expectsError()) {
          checkErrorClass("stream start", root.get("expected").get("error"), e);
          return;
        }
        throw new Mismatch("stream: refused the query but Spark ran it: " + e);
      }
      try {
        JsonNode steps = root.get("steps");
        JsonNode expected = root.get("expected").get("outputs");
        for (int s = 0; s < steps.size(); s++) {
          int before;
          synchronized (batches) {
            before = batches.size();
          }
          Iterator<Map.Entry<String, JsonNode>> st = steps.get(s).fields();
          while (st.hasNext()) {
            Map.Entry<String, JsonNode> e = st.next();
            if (e.getValue().isEmpty()) {
              continue;
            }
            MemoryStream ms = streams.get(e.getKey());
            ms.addData(toRows(e.getValue(), ms.schema()));
          }
          try {
            q.processAllAvailable();
          } catch (RuntimeException e) {
            if (expectsError()) {
              checkErrorClass("stream step " + s, root.get("expected").get("error"), e);
              return;
            }
            throw new Mismatch("stream step " + s + ": the query failed but Spark ran it: " + rootCause(e));
          }
          List<List<Row>> ran;
          synchronized (batches) {
            ran = new ArrayList<>(batches.subList(before, batches.size()));
          }
          List<Row> actual = new ArrayList<>();
          if (mode.equals("complete")) {
            if (!ran.isEmpty()) {
              actual.addAll(ran.get(ran.size() - 1));
            }
          } else {
            ran.forEach(actual::addAll);
          }
          if (expectsError()) {
            continue;
          }
          compare("stream step " + s + " (" + ran.size() + " batch(es) ran)", expected.get(s), actual,
              root.get("expected").path("ordered").asBoolean(false));
        }
        if (expectsError()) {
          throw new Mismatch("stream: Spark failed with " + root.get("expected").get("error").get("class").asText()
              + " but Sluice ran every step");
        }
      } finally {
        q.stop();
      }
    }
  }

  private void registerTables(Session session) {
    JsonNode tables = root.get("tables");
    if (tables == null) {
      return;
    }
    tables.fields().forEachRemaining(e -> {
      StructType schema = session.parseSchema(e.getValue().get("schema").asText());
      session.createDataFrame(toRows(e.getValue().get("rows"), schema), schema).createOrReplaceTempView(e.getKey());
    });
  }

  // ------------------------------------------------------------------ batch

  private void runBatch() {
    JsonNode expected = root.get("expected").get("batch");
    boolean batchError = expected != null && expected.isObject() && expected.has("error");
    try (Session session = newSession()) {
      Iterator<Map.Entry<String, JsonNode>> it = root.get("streams").fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        StructType schema = session.parseSchema(e.getValue().get("schema").asText());
        List<Row> all = new ArrayList<>();
        for (JsonNode step : root.get("steps")) {
          JsonNode rows = step.get(e.getKey());
          if (rows != null) {
            all.addAll(toRows(rows, schema));
          }
        }
        session.createDataFrame(all, schema).createOrReplaceTempView(e.getKey());
      }
      registerTables(session);
      List<Row> actual;
      try {
        actual = session.sql(root.get("sql").asText()).collectAsList();
      } catch (RuntimeException e) {
        if (batchError) {
          checkErrorClass("batch", expected.get("error"), e);
          return;
        }
        if (expectsError() && expected == null) {
          checkErrorClass("batch", root.get("expected").get("error"), e);
          return;
        }
        throw new Mismatch("batch: failed but Spark ran it: " + rootCause(e));
      }
      if (batchError) {
        throw new Mismatch("batch: Spark failed with " + expected.get("error").get("class").asText()
            + " but Sluice returned " + actual.size() + " rows");
      }
      if (expected == null || expected.isNull()) {
        return;
      }
      compare("batch", expected, actual, root.get("expected").path("ordered").asBoolean(false));
    }
  }

  /** Sluice's error must be Spark's: the same class, or the one {@link ErrorClass#isSparks} says Spark names so. */
  private static void checkErrorClass(String where, JsonNode sparkError, RuntimeException e) {
    String spark = sparkError.get("class").asText();
    Throwable t = e;
    while (!(t instanceof SluiceException) && t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    // A query that failed at run time reports STREAM_FAILED with the error as its cause, as Spark does.
    while (t instanceof SluiceException s && s.errorClass() == ErrorClass.STREAM_FAILED
        && t.getCause() instanceof SluiceException) {
      t = t.getCause();
    }
    if (!(t instanceof SluiceException se)) {
      throw new Mismatch(where + ": Spark failed with " + spark + " but Sluice with a raw " + e);
    }
    if (!se.errorClass().isSparks(spark)) {
      throw new Mismatch(where + ": Spark failed with " + spark + " but Sluice with " + se.errorClass() + ": "
          + se.getMessage());
    }
  }

  private static String rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t == e ? e.toString() : e + " <- " + t;
  }

  // ------------------------------------------------------------------ values

  private static List<Row> toRows(JsonNode rows, StructType schema) {
    List<Row> out = new ArrayList<>();
    for (JsonNode r : rows) {
      Object[] v = new Object[schema.size()];
      for (int i = 0; i < schema.size(); i++) {
        StructField f = schema.field(i);
        v[i] = fromJson(r.get(f.name()), f.dataType());
      }
      out.add(Row.of(v));
    }
    return out;
  }

  private static Object fromJson(JsonNode n, DataType t) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (t == DataTypes.IntegerType) {
      return n.asInt();
    }
    if (t == DataTypes.LongType) {
      return n.asLong();
    }
    if (t == DataTypes.DoubleType) {
      return n.asDouble();
    }
    if (t == DataTypes.BooleanType) {
      return n.asBoolean();
    }
    if (t == DataTypes.StringType) {
      return n.asText();
    }
    if (t instanceof DecimalType) {
      return new BigDecimal(n.asText());
    }
    if (t == DataTypes.DateType) {
      return LocalDate.parse(n.asText());
    }
    if (t == DataTypes.TimestampType) {
      return Instant.parse(n.asText());
    }
    if (t instanceof StructType st) {
      Object[] v = new Object[st.size()];
      for (int i = 0; i < st.size(); i++) {
        v[i] = fromJson(n.get(st.field(i).name()), st.field(i).dataType());
      }
      return Row.of(v);
    }
    throw new IllegalArgumentException("Unsupported type in a conformance case: " + t);
  }

  /** The canonical JSON form of a result value, as the case files write it. */
  static JsonNode toJson(Object v, DataType t) {
    if (v == null) {
      return NODES.nullNode();
    }
    if (t == DataTypes.IntegerType || t == DataTypes.LongType) {
      return NODES.numberNode(((Number) v).longValue());
    }
    if (t == DataTypes.DoubleType) {
      return NODES.numberNode((Double) v);
    }
    if (t == DataTypes.BooleanType) {
      return NODES.booleanNode((Boolean) v);
    }
    if (t instanceof DecimalType) {
      return NODES.textNode(((BigDecimal) v).toPlainString());
    }
    if (t == DataTypes.DateType) {
      return NODES.textNode(v.toString());
    }
    if (t == DataTypes.TimestampType) {
      return NODES.textNode(DateTimeUtil.formatIso(Values.instantToMicros((Instant) v)));
    }
    if (t instanceof StructType st) {
      ObjectNode o = NODES.objectNode();
      Row r = (Row) v;
      for (int i = 0; i < st.size(); i++) {
        o.set(st.field(i).name(), toJson(r.get(i), st.field(i).dataType()));
      }
      return o;
    }
    if (t instanceof ArrayType at) {
      ArrayNode a = NODES.arrayNode();
      for (Object e : (List<?>) v) {
        a.add(toJson(e, at.elementType()));
      }
      return a;
    }
    return NODES.textNode(v.toString());
  }

  private static List<JsonNode> actualJson(List<Row> rows) {
    List<JsonNode> out = new ArrayList<>();
    for (Row r : rows) {
      ObjectNode o = NODES.objectNode();
      StructType s = r.schema();
      for (int i = 0; i < s.size(); i++) {
        o.set(s.field(i).name(), toJson(r.get(i), s.field(i).dataType()));
      }
      out.add(o);
    }
    return out;
  }

  private static void compare(String where, JsonNode expectedRows, List<Row> actualRows, boolean ordered) {
    List<JsonNode> expected = new ArrayList<>();
    expectedRows.forEach(expected::add);
    List<JsonNode> actual = actualJson(actualRows);
    if (!ordered) {
      Comparator<JsonNode> byText = Comparator.comparing(JsonNode::toString);
      expected.sort(byText);
      actual.sort(byText);
    }
    if (expected.size() != actual.size()) {
      throw new Mismatch(where + ": expected " + expected.size() + " rows " + expected + " but got " + actual.size()
          + " " + actual);
    }
    for (int i = 0; i < expected.size(); i++) {
      if (!equal(expected.get(i), actual.get(i))) {
        throw new Mismatch(where + ": row " + i + " expected " + expected.get(i) + " but got " + actual.get(i)
            + "; all expected " + expected + ", all actual " + actual);
      }
    }
  }

  /** JSON equality with a relative tolerance of 1e-9 for floating-point numbers. */
  static boolean equal(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      if (a.isIntegralNumber() && b.isIntegralNumber()) {
        return a.asLong() == b.asLong();
      }
      double x = a.asDouble();
      double y = b.asDouble();
      if (x == y) {
        return true;
      }
      return Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y));
    }
    if (a.isObject() && b.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      Iterator<Map.Entry<String, JsonNode>> it = a.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode other = b.get(e.getKey());
        if (other == null || !equal(e.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!equal(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }
}
