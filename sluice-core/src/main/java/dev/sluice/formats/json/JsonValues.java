package dev.sluice.formats.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.types.ArrayType;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DecimalType;
import dev.sluice.types.MapType;
import dev.sluice.types.StructField;
import dev.sluice.types.StructType;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts between JSON (Jackson tokens) and Sluice's internal values, with Spark's rules: a JSON
 * number where a string is expected becomes its text, an object or array where a string is expected
 * becomes its JSON text, dates and timestamps are strings in {@code dateFormat}/{@code timestampFormat}
 * (a timestamp may also be a number of seconds), binary is base64. A value that does not fit its
 * type is a field error: the field becomes null and the record counts as malformed.
 */
public final class JsonValues {
  /** A value that does not fit the field's type. */
  static final class FieldException extends Exception {
    FieldException(String message) {
      super(message, null, false, false);
    }
  }

  private final JsonOptions options;

  public JsonValues(JsonOptions options) {
    this.options = options;
  }

  /** Field lookup for a struct: name to position. */
  public static Map<String, Integer> index(StructType t) {
    Map<String, Integer> m = new HashMap<>();
    for (int i = 0; i < t.size(); i++) {
      m.putIfAbsent(t.field(i).name(), i);
    }
    return m;
  }

  private final Map<StructType, Map<String, Integer>> indexes = new HashMap<>();

  public Map<String, Integer> indexOf(StructType t) {
    return indexes.computeIfAbsent(t, JsonValues::index);
  }

  /**
   * Reads the fields of an object (the parser is at START_OBJECT) into a row of {@code schema}. Fields
   * that fail are null and recorded in {@code errors}; the parser ends at the object's END_OBJECT.
   */
  public Object[] readStruct(JsonParser p, StructType schema, List<String> errors) throws IOException {
    Object[] row = new Object[schema.size()];
    Map<String, Integer> idx = indexOf(schema);
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
      if (t != JsonToken.FIELD_NAME) {
        throw new com.fasterxml.jackson.core.JsonParseException(p, "expected a field name");
      }
      String name = p.currentName();
      JsonToken v = p.nextToken();
      Integer i = idx.get(name);
      if (i == null) {
        p.skipChildren();
        continue;
      }
      StructField f = schema.field(i);
      try {
        row[i] = read(p, v, f.dataType(), errors);
      } catch (FieldException e) {
        row[i] = null;
        errors.add("field '" + name + "': " + e.getMessage());
        p.skipChildren();
      }
    }
    return row;
  }

  /** Converts the value at the current token to {@code type}. */
  public Object read(JsonParser p, JsonToken t, DataType type, List<String> errors) throws IOException, FieldException {
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (type == DataTypes.StringType) {
      if (t == JsonToken.VALUE_STRING) {
        return p.getText();
      }
      if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = options.factory.createGenerator(w)) {
          g.copyCurrentStructure(p);
        }
        return w.toString();
      }
      return p.getText();
    }
    if (type == DataTypes.LongType || type == DataTypes.IntegerType) {
      if (t == JsonToken.VALUE_NUMBER_INT) {
        try {
          return type == DataTypes.LongType ? (Object) p.getLongValue() : (Object) p.getIntValue();
        } catch (com.fasterxml.jackson.core.exc.InputCoercionException e) {
          throw new FieldException("the number " + p.getText() + " does not fit " + type.sql());
        }
      }
      throw mismatch(p, t, type);
    }
    if (type == DataTypes.DoubleType) {
      if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
        return p.getDoubleValue();
      }
      if (t == JsonToken.VALUE_STRING && options.allowNonNumericNumbers) {
        switch (p.getText()) {
          case "NaN":
            return Double.NaN;
          case "Infinity", "+Infinity", "INF", "+INF":
            return Double.POSITIVE_INFINITY;
          case "-Infinity", "-INF":
            return Double.NEGATIVE_INFINITY;
          default:
            break;
        }
      }
      throw mismatch(p, t, type);
    }
    if (type == DataTypes.BooleanType) {
      if (t == JsonToken.VALUE_TRUE) {
        return Boolean.TRUE;
      }
      if (t == JsonToken.VALUE_FALSE) {
        return Boolean.FALSE;
      }
      throw mismatch(p, t, type);
    }
    if (type instanceof DecimalType dt) {
      BigDecimal d;
      if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
        d = p.getDecimalValue();
      } else if (t == JsonToken.VALUE_STRING) {
        try {
          d = new BigDecimal(p.getText().trim());
        } catch (NumberFormatException e) {
          throw mismatch(p, t, type);
        }
      } else {
        throw mismatch(p, t, type);
      }
      return decimal(d, dt);
    }
    if (type == DataTypes.DateType) {
      if (t == JsonToken.VALUE_STRING) {
        Integer d = options.formats.parseDate(p.getText());
        if (d != null) {
          return d;
        }
      }
      throw mismatch(p, t, type);
    }
    if (type == DataTypes.TimestampType) {
      if (t == JsonToken.VALUE_STRING) {
        Long v = options.formats.parseTimestamp(p.getText());
        if (v != null) {
          return v;
        }
      } else if (t == JsonToken.VALUE_NUMBER_INT) {
        return Math.multiplyExact(p.getLongValue(), 1_000_000L);
      }
      throw mismatch(p, t, type);
    }
    if (type == DataTypes.BinaryType) {
      if (t == JsonToken.VALUE_STRING) {
        try {
          return p.getBinaryValue();
        } catch (IOException | IllegalArgumentException e) {
          throw new FieldException("'" + p.getText() + "' is not base64");
        }
      }
      throw mismatch(p, t, type);
    }
    if (type instanceof StructType st) {
      if (t == JsonToken.START_OBJECT) {
        return readStruct(p, st, errors);
      }
      throw mismatch(p, t, type);
    }
    if (type instanceof ArrayType at) {
      if (t == JsonToken.START_ARRAY) {
        List<Object> out = new ArrayList<>();
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
          out.add(read(p, e, at.elementType(), errors));
        }
        return out;
      }
      throw mismatch(p, t, type);
    }
    if (type instanceof MapType mt) {
      if (t == JsonToken.START_OBJECT) {
        Map<Object, Object> out = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String k = p.currentName();
          JsonToken v = p.nextToken();
          out.put(mapKey(k, mt.keyType()), read(p, v, mt.valueType(), errors));
        }
        return out;
      }
      throw mismatch(p, t, type);
    }
    throw new FieldException("the type " + type.sql() + " cannot be read from JSON");
  }

  private static Object mapKey(String k, DataType kt) throws FieldException {
    if (kt == DataTypes.StringType) {
      return k;
    }
    try {
      if (kt == DataTypes.IntegerType) {
        return Integer.parseInt(k);
      }
      if (kt == DataTypes.LongType) {
        return Long.parseLong(k);
      }
    } catch (NumberFormatException e) {
      throw new FieldException("the map key '" + k + "' is not a " + kt.sql());
    }
    throw new FieldException("map keys of type " + kt.sql() + " cannot be read from JSON");
  }

  public static Object decimal(BigDecimal d, DecimalType dt) throws FieldException {
    BigDecimal r = d.setScale(dt.scale(), RoundingMode.HALF_UP);
    if (r.precision() > dt.precision()) {
      throw new FieldException("the value " + d.toPlainString() + " does not fit " + dt.sql());
    }
    return r;
  }

  private static FieldException mismatch(JsonParser p, JsonToken t, DataType type) throws IOException {
    String what = switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "the string \"" + p.getText() + "\"";
      default -> p.getText();
    };
    return new FieldException(what + " cannot be read as " + type.sql());
  }

  // ------------------------------------------------------------------ writing

  /** Writes an internal value of {@code type} as JSON. */
  public void write(JsonGenerator g, Object v, DataType type) throws IOException {
    if (v == null) {
      g.writeNull();
      return;
    }
    if (type == DataTypes.StringType) {
      g.writeString((String) v);
    } else if (type == DataTypes.IntegerType || type == DataTypes.YearMonthIntervalType) {
      g.writeNumber((Integer) v);
    } else if (type == DataTypes.LongType || type == DataTypes.DayTimeIntervalType) {
      g.writeNumber((Long) v);
    } else if (type == DataTypes.DoubleType) {
      g.writeNumber((Double) v);
    } else if (type == DataTypes.BooleanType) {
      g.writeBoolean((Boolean) v);
    } else if (type instanceof DecimalType) {
      g.writeNumber(((BigDecimal) v).toPlainString());
    } else if (type == DataTypes.DateType) {
      g.writeString(options.formats.formatDate((Integer) v));
    } else if (type == DataTypes.TimestampType) {
      g.writeString(options.formats.formatTimestamp((Long) v));
    } else if (type == DataTypes.BinaryType) {
      g.writeString(Base64.getEncoder().encodeToString((byte[]) v));
    } else if (type instanceof StructType st) {
      writeStruct(g, (Object[]) v, st);
    } else if (type instanceof ArrayType at) {
      g.writeStartArray();
      for (Object e : (List<?>) v) {
        write(g, e, at.elementType());
      }
      g.writeEndArray();
    } else if (type instanceof MapType mt) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        g.writeFieldName(keyText(e.getKey(), mt.keyType()));
        write(g, e.getValue(), mt.valueType());
      }
      g.writeEndObject();
    } else if (type == DataTypes.NullType) {
      g.writeNull();
    } else {
      g.writeString(String.valueOf(v));
    }
  }

  private String keyText(Object k, DataType kt) {
    if (kt == DataTypes.DateType) {
      return options.formats.formatDate((Integer) k);
    }
    if (kt == DataTypes.TimestampType) {
      return options.formats.formatTimestamp((Long) k);
    }
    if (kt instanceof DecimalType) {
      return ((BigDecimal) k).toPlainString();
    }
    if (kt instanceof StructType st) {
      // Spark writes a struct key as its row's text: the field values in brackets, comma-separated.
      Object[] row = (Object[]) k;
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < row.length; i++) {
        sb.append(i > 0 ? "," : "").append(row[i] == null ? "null" : keyText(row[i], st.field(i).dataType()));
      }
      return sb.append(']').toString();
    }
    return String.valueOf(k);
  }

  public void writeStruct(JsonGenerator g, Object[] row, StructType st) throws IOException {
    g.writeStartObject();
    for (int i = 0; i < st.size(); i++) {
      Object v = row[i];
      if (v == null && options.ignoreNullFields) {
        continue;
      }
      g.writeFieldName(st.field(i).name());
      write(g, v, st.field(i).dataType());
    }
    g.writeEndObject();
  }
}
