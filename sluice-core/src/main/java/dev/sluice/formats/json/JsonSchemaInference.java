package dev.sluice.formats.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.ExecutionException;
import dev.sluice.formats.ParseMode;
import dev.sluice.types.ArrayType;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DecimalType;
import dev.sluice.types.StructField;
import dev.sluice.types.StructType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Infers a schema from JSON records as Spark does: integers are BIGINT, other numbers DOUBLE (or
 * DECIMAL with {@code prefersDecimal}), objects are structs with fields sorted by name, conflicting
 * types widen (BIGINT and DOUBLE to DOUBLE) or become STRING, fields that are only null are STRING
 * (dropped with {@code dropFieldIfAllNull}). A malformed record adds the corrupt-record column in
 * PERMISSIVE mode. Not thread-safe.
 */
public final class JsonSchemaInference {
  private final JsonOptions options;
  private DataType root = DataTypes.NullType;
  private boolean sawMalformed;

  public JsonSchemaInference(JsonOptions options) {
    this.options = options;
  }

  /** Adds one record (a line, or a multiLine file's content). */
  public void add(byte[] buf, int off, int len, String where) {
    try (JsonParser p = options.factory.createParser(buf, off, len)) {
      addAll(p);
    } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
      throw dev.sluice.formats.ReadLimits.exceeded("JSON", e);
    } catch (IOException e) {
      malformed(where, e);
    }
  }

  public void add(String s, String where) {
    try (JsonParser p = options.factory.createParser(s)) {
      addAll(p);
    } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
      throw dev.sluice.formats.ReadLimits.exceeded("JSON", e);
    } catch (IOException e) {
      malformed(where, e);
    }
  }

  private void addAll(JsonParser p) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) != null) {
      if (t == JsonToken.START_ARRAY) {
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
          DataType dt = infer(p, e);
          if (dt instanceof StructType) {
            root = merge(root, dt);
          } else {
            throw new com.fasterxml.jackson.core.JsonParseException(p, "an array element at the root is not an object");
          }
        }
      } else if (t == JsonToken.START_OBJECT) {
        root = merge(root, infer(p, t));
      } else {
        throw new com.fasterxml.jackson.core.JsonParseException(p, "the root value is not an object");
      }
    }
  }

  private void malformed(String where, IOException e) {
    switch (options.mode) {
      case FAILFAST -> throw new ExecutionException(ErrorClass.MALFORMED_RECORD_IN_PARSING,
          where + ": " + e.getMessage());
      case PERMISSIVE -> sawMalformed = true;
      default -> { }
    }
  }

  private DataType infer(JsonParser p, JsonToken t) throws IOException {
    switch (t) {
      case VALUE_NULL:
        return DataTypes.NullType;
      case VALUE_STRING:
        return DataTypes.StringType;
      case VALUE_TRUE, VALUE_FALSE:
        return options.primitivesAsString ? DataTypes.StringType : DataTypes.BooleanType;
      case VALUE_NUMBER_INT:
        if (options.primitivesAsString) {
          return DataTypes.StringType;
        }
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          int prec = p.getText().replace("-", "").length();
          return prec <= 38 ? new DecimalType(prec, 0) : DataTypes.DoubleType;
        }
        return DataTypes.LongType;
      case VALUE_NUMBER_FLOAT:
        if (options.primitivesAsString) {
          return DataTypes.StringType;
        }
        if (options.prefersDecimal) {
          java.math.BigDecimal d = p.getDecimalValue();
          int scale = Math.max(d.scale(), 0);
          int prec = Math.max(d.precision(), scale);
          if (prec <= 38) {
            return new DecimalType(prec, scale);
          }
        }
        return DataTypes.DoubleType;
      case START_OBJECT: {
        Map<String, DataType> fields = new TreeMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          DataType v = infer(p, p.nextToken());
          fields.merge(name, v, JsonSchemaInference::merge);
        }
        List<StructField> fs = new ArrayList<>();
        fields.forEach((k, v) -> fs.add(new StructField(k, v, true)));
        return new StructType(fs);
      }
      case START_ARRAY: {
        DataType elem = DataTypes.NullType;
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
          elem = merge(elem, infer(p, e));
        }
        return new ArrayType(elem, true);
      }
      default:
        throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected token " + t);
    }
  }

  /** The type both values fit, as Spark's JsonInferSchema.compatibleType. */
  public static DataType merge(DataType a, DataType b) {
    if (a.equals(b)) {
      return a;
    }
    if (a == DataTypes.NullType) {
      return b;
    }
    if (b == DataTypes.NullType) {
      return a;
    }
    if (isNumber(a) && isNumber(b)) {
      if (a == DataTypes.DoubleType || b == DataTypes.DoubleType) {
        return DataTypes.DoubleType;
      }
      DecimalType da = a instanceof DecimalType d ? d : new DecimalType(20, 0);
      DecimalType db = b instanceof DecimalType d ? d : new DecimalType(20, 0);
      int scale = Math.max(da.scale(), db.scale());
      int range = Math.max(da.precision() - da.scale(), db.precision() - db.scale());
      return range + scale > 38 ? DataTypes.DoubleType : new DecimalType(range + scale, scale);
    }
    if (a instanceof StructType sa && b instanceof StructType sb) {
      Map<String, DataType> fields = new TreeMap<>();
      for (StructField f : sa) {
        fields.put(f.name(), f.dataType());
      }
      for (StructField f : sb) {
        fields.merge(f.name(), f.dataType(), JsonSchemaInference::merge);
      }
      List<StructField> fs = new ArrayList<>();
      fields.forEach((k, v) -> fs.add(new StructField(k, v, true)));
      return new StructType(fs);
    }
    if (a instanceof ArrayType aa && b instanceof ArrayType ab) {
      return new ArrayType(merge(aa.elementType(), ab.elementType()), true);
    }
    return DataTypes.StringType;
  }

  private static boolean isNumber(DataType t) {
    return t == DataTypes.LongType || t == DataTypes.DoubleType || t instanceof DecimalType;
  }

  /** The inferred schema, or null when no record was seen. */
  public StructType result() {
    StructType s = root instanceof StructType st ? (StructType) finish(st) : null;
    if (sawMalformed && options.mode == ParseMode.PERMISSIVE) {
      s = (s == null ? new StructType() : s).add(options.corruptColumn, DataTypes.StringType, true);
    }
    if (s == null && root == DataTypes.NullType && !sawMalformed) {
      return null;
    }
    return s;
  }

  private DataType finish(DataType t) {
    if (t == DataTypes.NullType) {
      return DataTypes.StringType;
    }
    if (t instanceof StructType st) {
      List<StructField> fs = new ArrayList<>();
      for (StructField f : st) {
        if (options.dropFieldIfAllNull && isAllNull(f.dataType())) {
          continue;
        }
        fs.add(new StructField(f.name(), finish(f.dataType()), true));
      }
      return new StructType(fs);
    }
    if (t instanceof ArrayType at) {
      return new ArrayType(finish(at.elementType()), true);
    }
    return t;
  }

  private static boolean isAllNull(DataType t) {
    return t == DataTypes.NullType || (t instanceof ArrayType at && isAllNull(at.elementType()))
        || (t instanceof StructType st && st.size() == 0);
  }
}
