package dev.sluice.parquet;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.types.ArrayType;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DecimalType;
import dev.sluice.types.MapType;
import dev.sluice.types.StructField;
import dev.sluice.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Maps Sluice types to Parquet and back, as Spark writes them: BOOLEAN, INT32 (INT, DATE, DECIMAL up
 * to 9 digits), INT64 (BIGINT, TIMESTAMP in microseconds UTC, DECIMAL up to 18 digits), DOUBLE,
 * BINARY (STRING as UTF-8, BINARY), FIXED_LEN_BYTE_ARRAY (wider DECIMAL), 3-level LIST, MAP, and
 * groups for structs. Reading also accepts FLOAT, INT96 and millisecond or nanosecond timestamps,
 * small integer annotations and 2-level lists.
 */
final class ParquetSchemas {
  private ParquetSchemas() {}

  static MessageType toParquet(StructType schema) {
    List<Type> fields = new ArrayList<>();
    for (StructField f : schema) {
      fields.add(field(f.name(), f.dataType(), f.nullable()));
    }
    return new MessageType("spark_schema", fields);
  }

  static void checkWritable(StructType schema) {
    for (StructField f : schema) {
      check(f.name(), f.dataType());
    }
  }

  private static void check(String name, DataType t) {
    if (t == DataTypes.NullType || t == DataTypes.DayTimeIntervalType || t == DataTypes.YearMonthIntervalType) {
      throw new SluiceException(ErrorClass.UNSUPPORTED_FEATURE, "the Parquet data source does not support the column "
          + name + " of type " + t.sql() + "; cast it to another type first");
    }
    if (t instanceof StructType st) {
      for (StructField f : st) {
        check(name + "." + f.name(), f.dataType());
      }
    } else if (t instanceof ArrayType at) {
      check(name + ".element", at.elementType());
    } else if (t instanceof MapType mt) {
      check(name + ".key", mt.keyType());
      check(name + ".value", mt.valueType());
    }
  }

  static int decimalBytes(int precision) {
    int bytes = 1;
    while (Math.pow(2.0, 8 * bytes - 1) < Math.pow(10.0, precision)) {
      bytes++;
    }
    return bytes;
  }

  private static Type field(String name, DataType t, boolean nullable) {
    Type.Repetition rep = nullable ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
    if (t == DataTypes.BooleanType) {
      return Types.primitive(PrimitiveTypeName.BOOLEAN, rep).named(name);
    }
    if (t == DataTypes.IntegerType) {
      return Types.primitive(PrimitiveTypeName.INT32, rep).named(name);
    }
    if (t == DataTypes.LongType) {
      return Types.primitive(PrimitiveTypeName.INT64, rep).named(name);
    }
    if (t == DataTypes.DoubleType) {
      return Types.primitive(PrimitiveTypeName.DOUBLE, rep).named(name);
    }
    if (t == DataTypes.StringType) {
      return Types.primitive(PrimitiveTypeName.BINARY, rep).as(LogicalTypeAnnotation.stringType()).named(name);
    }
    if (t == DataTypes.BinaryType) {
      return Types.primitive(PrimitiveTypeName.BINARY, rep).named(name);
    }
    if (t == DataTypes.DateType) {
      return Types.primitive(PrimitiveTypeName.INT32, rep).as(LogicalTypeAnnotation.dateType()).named(name);
    }
    if (t == DataTypes.TimestampType) {
      return Types.primitive(PrimitiveTypeName.INT64, rep)
          .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named(name);
    }
    if (t instanceof DecimalType dt) {
      LogicalTypeAnnotation dec = LogicalTypeAnnotation.decimalType(dt.scale(), dt.precision());
      if (dt.precision() <= 9) {
        return Types.primitive(PrimitiveTypeName.INT32, rep).as(dec).named(name);
      }
      if (dt.precision() <= 18) {
        return Types.primitive(PrimitiveTypeName.INT64, rep).as(dec).named(name);
      }
      return Types.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, rep).length(decimalBytes(dt.precision()))
          .as(dec).named(name);
    }
    if (t instanceof StructType st) {
      List<Type> fs = new ArrayList<>();
      for (StructField f : st) {
        fs.add(field(f.name(), f.dataType(), f.nullable()));
      }
      return new GroupType(rep, name, fs);
    }
    if (t instanceof ArrayType at) {
      Type element = field("element", at.elementType(), at.containsNull());
      return Types.buildGroup(rep).as(LogicalTypeAnnotation.listType())
          .addField(Types.repeatedGroup().addField(element).named("list")).named(name);
    }
    if (t instanceof MapType mt) {
      Type key = field("key", mt.keyType(), false);
      Type value = field("value", mt.valueType(), mt.valueContainsNull());
      return Types.buildGroup(rep).as(LogicalTypeAnnotation.mapType())
          .addField(Types.repeatedGroup().addField(key).addField(value).named("key_value")).named(name);
    }
    throw new SluiceException(ErrorClass.UNSUPPORTED_FEATURE, "the Parquet data source does not support " + t.sql());
  }

  // ------------------------------------------------------------------ reading

  static StructType toSluice(MessageType schema) {
    List<StructField> fs = new ArrayList<>();
    for (Type t : schema.getFields()) {
      fs.add(new StructField(t.getName(), toSluice(t), !t.isRepetition(Type.Repetition.REQUIRED)));
    }
    return new StructType(fs);
  }

  static DataType toSluice(Type t) {
    if (t.isRepetition(Type.Repetition.REPEATED)) {
      return new ArrayType(toSluiceNonRepeated(t), false); // a bare repeated field is a list
    }
    return toSluiceNonRepeated(t);
  }

  private static DataType toSluiceNonRepeated(Type t) {
    if (t.isPrimitive()) {
      return primitive(t.asPrimitiveType());
    }
    GroupType g = t.asGroupType();
    LogicalTypeAnnotation a = g.getLogicalTypeAnnotation();
    if (a instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation && g.getFieldCount() == 1) {
      Type repeated = g.getType(0);
      return new ArrayType(listElementType(g.getName(), repeated), true);
    }
    if ((a instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
        || a instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation) && g.getFieldCount() == 1
        && !g.getType(0).isPrimitive() && g.getType(0).asGroupType().getFieldCount() == 2) {
      GroupType kv = g.getType(0).asGroupType();
      return new MapType(toSluice(kv.getType(0)), toSluice(kv.getType(1)), true);
    }
    List<StructField> fs = new ArrayList<>();
    for (Type f : g.getFields()) {
      fs.add(new StructField(f.getName(), toSluice(f), !f.isRepetition(Type.Repetition.REQUIRED)));
    }
    return new StructType(fs);
  }

  /** Whether the repeated field of a LIST group is the element itself (2-level lists) rather than a wrapper. */
  static boolean repeatedIsElement(String listName, Type repeated) {
    if (repeated.isPrimitive()) {
      return true;
    }
    GroupType g = repeated.asGroupType();
    return g.getFieldCount() > 1 || g.getName().equals("array") || g.getName().equals(listName + "_tuple");
  }

  private static DataType listElementType(String listName, Type repeated) {
    if (repeatedIsElement(listName, repeated)) {
      return toSluiceNonRepeated(repeated);
    }
    return toSluice(repeated.asGroupType().getType(0));
  }

  private static DataType primitive(PrimitiveType p) {
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
      return new DecimalType(d.getPrecision(), d.getScale());
    }
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN:
        return DataTypes.BooleanType;
      case INT32:
        if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
          return DataTypes.DateType;
        }
        if (a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned() && i.getBitWidth() == 32) {
          return DataTypes.LongType;
        }
        return DataTypes.IntegerType;
      case INT64:
        if (a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation) {
          return DataTypes.TimestampType;
        }
        if (a instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned()) {
          return new DecimalType(20, 0);
        }
        return DataTypes.LongType;
      case INT96:
        return DataTypes.TimestampType;
      case FLOAT:
      case DOUBLE:
        return DataTypes.DoubleType;
      case BINARY:
        if (a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
            || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
            || a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
          return DataTypes.StringType;
        }
        return DataTypes.BinaryType;
      case FIXED_LEN_BYTE_ARRAY:
        return DataTypes.BinaryType;
      default:
        throw new SluiceException(ErrorClass.UNSUPPORTED_FEATURE, "the Parquet type " + p);
    }
  }

  /** The field of a group with this name: exact, else case-insensitive (as Spark matches columns); null if none. */
  static Type find(GroupType g, String name) {
    if (g.containsField(name)) {
      return g.getType(name);
    }
    for (Type t : g.getFields()) {
      if (t.getName().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    return null;
  }

  /** The part of a file's schema a read needs: the required top-level columns that exist in the file. */
  static MessageType project(MessageType file, StructType required) {
    List<Type> fs = new ArrayList<>();
    for (StructField f : required) {
      Type t = find(file, f.name());
      if (t != null && fs.stream().noneMatch(x -> x.getName().equals(t.getName()))) {
        fs.add(t);
      }
    }
    return new MessageType(file.getName(), fs);
  }
}
