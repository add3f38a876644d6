package dev.sluice.util;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small JSON documents (checkpoint and log entries, source offsets) as plain Java values, read and
 * written with jackson-core's streaming parser and generator.
 *
 * <p>Not databind's {@code ObjectMapper}: creating and first using a mapper loads several hundred
 * classes (and the JDK's calendar and locale data), a quarter of a second on the path of every
 * checkpointed query's start. These documents are a few fields each and need none of it.
 *
 * <p>Values: a JSON object is a {@link LinkedHashMap} (key order kept), an array an {@link
 * ArrayList}, a whole number a {@link Long} (a {@link java.math.BigInteger} beyond its range), a
 * fraction a {@link Double}, {@code true}/{@code false} a {@link Boolean}, {@code null} null.
 */
public final class Json {
  private static final JsonFactory FACTORY = new JsonFactory();

  private Json() {}

  /**
   * Parses text holding exactly one JSON object.
   *
   * @throws IllegalArgumentException naming the problem when the text is not valid JSON, is not an
   *     object, or has content after the object
   */
  public static Map<String, Object> parseObject(String text) {
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("expected a JSON object, found " + (t == null ? "nothing" : p.getText()));
      }
      Map<String, Object> out = readObject(p);
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("unexpected content after the JSON object: " + p.getText());
      }
      return out;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // not reachable for a String
    }
  }

  private static Map<String, Object> readObject(JsonParser p) throws IOException {
    Map<String, Object> out = new LinkedHashMap<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      String name = p.currentName();
      p.nextToken();
      out.put(name, readValue(p));
    }
    return out;
  }

  private static Object readValue(JsonParser p) throws IOException {
    switch (p.currentToken()) {
      case START_OBJECT:
        return readObject(p);
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(readValue(p));
        }
        return list;
      }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue() : p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IllegalArgumentException("unexpected JSON token " + p.currentToken());
    }
  }

  /** The JSON text of a value made of maps (string keys), lists, strings, numbers, booleans and nulls. */
  public static String write(Object value) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(w)) {
      writeValue(g, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // not reachable for a StringWriter
    }
    return w.toString();
  }

  private static void writeValue(JsonGenerator g, Object v) throws IOException {
    if (v == null) {
      g.writeNull();
    } else if (v instanceof Map<?, ?> m) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        g.writeFieldName(String.valueOf(e.getKey()));
        writeValue(g, e.getValue());
      }
      g.writeEndObject();
    } else if (v instanceof List<?> l) {
      g.writeStartArray();
      for (Object o : l) {
        writeValue(g, o);
      }
      g.writeEndArray();
    } else if (v instanceof String s) {
      g.writeString(s);
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      g.writeNumber(((Number) v).longValue());
    } else if (v instanceof java.math.BigInteger b) {
      g.writeNumber(b);
    } else if (v instanceof Number n) {
      g.writeNumber(n.doubleValue());
    } else if (v instanceof Boolean b) {
      g.writeBoolean(b);
    } else {
      throw new IllegalArgumentException("no JSON form for " + v.getClass().getName());
    }
  }

  /**
   * The whole number under {@code key}.
   *
   * @throws IllegalArgumentException when the field is missing or not a whole number
   */
  public static long getLong(Map<String, ?> object, String key) {
    Object v = object.get(key);
    if (v instanceof Long l) {
      return l;
    }
    throw new IllegalArgumentException(v == null ? "field '" + key + "' is missing"
        : "field '" + key + "' is not a whole number: " + v);
  }

  /**
   * The string under {@code key}.
   *
   * @throws IllegalArgumentException when the field is missing or not a string
   */
  public static String getString(Map<String, ?> object, String key) {
    Object v = object.get(key);
    if (v instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException(v == null ? "field '" + key + "' is missing"
        : "field '" + key + "' is not a string: " + v);
  }
}
