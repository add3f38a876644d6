package dev.sluice.formats.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.sluice.formats.BadRecordException;
import dev.sluice.formats.ReadLimits;
import dev.sluice.types.StructType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one JSON record (a line, a whole file in multiLine mode, or a string for {@code from_json})
 * into rows of a schema: an object is one row, an array of objects is one row per object, blank
 * input is no row. Throws {@link BadRecordException} with the fields that parsed when the JSON is
 * invalid or a value does not fit its column. Not thread-safe.
 */
public final class JsonRecordParser {
  private final StructType schema;
  private final JsonOptions options;
  private final JsonValues values;
  private final int corruptIndex;

  /** @param corruptIndex position of the corrupt-record column in {@code schema} (left null here), or -1 */
  public JsonRecordParser(StructType schema, JsonOptions options, int corruptIndex) {
    this.schema = schema;
    this.options = options;
    this.values = new JsonValues(options);
    this.corruptIndex = corruptIndex;
  }

  public List<Object[]> parse(byte[] buf, int off, int len) throws BadRecordException {
    if (isBlank(buf, off, len)) {
      return List.of();
    }
    try (JsonParser p = options.factory.createParser(buf, off, len)) {
      return parse(p, true);
    } catch (StreamConstraintsException e) {
      throw ReadLimits.exceeded("JSON", e);
    } catch (IOException e) {
      throw new BadRecordException(reason(e), null);
    }
  }

  public List<Object[]> parse(String s) throws BadRecordException {
    if (s.isBlank()) {
      return List.of();
    }
    try (JsonParser p = options.factory.createParser(s)) {
      return parse(p, true);
    } catch (StreamConstraintsException e) {
      throw ReadLimits.exceeded("JSON", e);
    } catch (IOException e) {
      throw new BadRecordException(reason(e), null);
    }
  }

  /** Parses every root value of a stream (multiLine files: one object, an array, or several objects). */
  public List<Object[]> parseAll(JsonParser p) throws BadRecordException {
    try {
      return parse(p, false);
    } catch (StreamConstraintsException e) {
      throw ReadLimits.exceeded("JSON", e);
    } catch (IOException e) {
      throw new BadRecordException(reason(e), null);
    }
  }

  private List<Object[]> parse(JsonParser p, boolean single) throws IOException, BadRecordException {
    List<Object[]> rows = new ArrayList<>(1);
    List<String> errors = new ArrayList<>(0);
    JsonToken t;
    int roots = 0;
    while ((t = p.nextToken()) != null) {
      roots++;
      if (single && roots > 1) {
        throw new BadRecordException("more than one JSON value in the record", rows.isEmpty() ? null : rows.get(0));
      }
      if (t == JsonToken.START_OBJECT) {
        rows.add(values.readStruct(p, schema, errors));
      } else if (t == JsonToken.START_ARRAY) {
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
          if (e != JsonToken.START_OBJECT) {
            throw new BadRecordException("an array element at the root is not an object", null);
          }
          rows.add(values.readStruct(p, schema, errors));
        }
      } else {
        throw new BadRecordException("the root value is not an object: " + p.getText(), null);
      }
    }
    if (corruptIndex >= 0) {
      for (Object[] r : rows) {
        r[corruptIndex] = null;
      }
    }
    if (!errors.isEmpty()) {
      throw new BadRecordException(String.join("; ", errors), rows.size() == 1 ? rows.get(0) : null);
    }
    return rows;
  }

  private static String reason(IOException e) {
    if (e instanceof JsonProcessingException j) {
      return "invalid JSON: " + j.getOriginalMessage();
    }
    return "invalid JSON: " + e.getMessage();
  }

  private static boolean isBlank(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r' && b[i] != '\n') {
        return false;
      }
    }
    return true;
  }

  public JsonValues values() {
    return values;
  }
}
