package dev.sluice.formats.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.conf.Options;
import dev.sluice.formats.BadRecordException;
import dev.sluice.types.ArrayType;
import dev.sluice.types.DataType;
import dev.sluice.types.StructType;
import java.io.IOException;
import java.io.StringWriter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * One JSON text to one value of a type and back, for {@code from_json} and {@code to_json}: a struct
 * from an object, an array (of structs or values) from an array or a single object, a map from an
 * object. Not thread-safe: use one per thread.
 */
public final class JsonConverter {
  private final DataType type;
  private final JsonOptions options;
  private final JsonValues values;
  private final JsonRecordParser structParser;

  public JsonConverter(DataType type, Options options, ZoneId zone) {
    this.type = type;
    this.options = new JsonOptions(options, zone);
    this.values = new JsonValues(this.options);
    this.structParser = type instanceof StructType st
        ? new JsonRecordParser(st, this.options, st.indexOf(this.options.corruptColumn)) : null;
  }

  public JsonOptions options() {
    return options;
  }

  /** The value of the JSON text; throws with the fields that parsed when it is malformed. */
  public Object parse(String json) throws BadRecordException {
    if (structParser != null) {
      List<Object[]> rows = structParser.parse(json);
      if (rows.isEmpty()) {
        return null;
      }
      return rows.get(0);
    }
    try (JsonParser p = options.factory.createParser(json)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return null;
      }
      List<String> errors = new ArrayList<>();
      Object v;
      if (type instanceof ArrayType at && t == JsonToken.START_OBJECT && at.elementType() instanceof StructType) {
        List<Object> one = new ArrayList<>();
        one.add(values.read(p, t, at.elementType(), errors));
        v = one;
      } else {
        v = values.read(p, t, type, errors);
      }
      if (p.nextToken() != null) {
        throw new BadRecordException("more than one JSON value", null);
      }
      if (!errors.isEmpty()) {
        throw new BadRecordException(String.join("; ", errors), null);
      }
      return v;
    } catch (JsonValues.FieldException e) {
      throw new BadRecordException(e.getMessage(), null);
    } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
      throw dev.sluice.formats.ReadLimits.exceeded("JSON", e);
    } catch (JsonProcessingException e) {
      throw new BadRecordException("invalid JSON: " + e.getOriginalMessage(), null);
    } catch (IOException e) {
      throw new BadRecordException("invalid JSON: " + e.getMessage(), null);
    }
  }

  /** The JSON text of a value of the converter's type. */
  public String write(Object value) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = options.factory.createGenerator(w)) {
      values.write(g, value, type);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return w.toString();
  }
}
