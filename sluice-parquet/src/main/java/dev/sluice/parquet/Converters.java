package dev.sluice.parquet;

import dev.sluice.types.ArrayType;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DecimalType;
import dev.sluice.types.MapType;
import dev.sluice.types.StructField;
import dev.sluice.types.StructType;
import dev.sluice.vector.VectorBuilder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Parquet record assembly into Sluice values. Top-level primitive columns append straight to their
 * vector builders (strings decoded once per dictionary entry); nested values are built as
 * {@code Object[]}, {@code List} and {@code Map} and appended when complete.
 */
final class Converters {
  private Converters() {}

  /** The builder a top-level column appends to; replaced for every batch. */
  static final class Slot {
    VectorBuilder b;
  }

  /** The converter of the whole record: one child per requested column. */
  static final class RowConverter extends GroupConverter {
    private final Converter[] children;
    private final Slot[] slots;
    private VectorBuilder[] all;
    private int rows;

    /**
     * @param requested the columns read from the file (a projection of its schema)
     * @param required the output columns; those missing from the file are null
     */
    RowConverter(GroupType requested, StructType required) {
      this.children = new Converter[requested.getFieldCount()];
      this.slots = new Slot[required.size()];
      for (int j = 0; j < slots.length; j++) {
        slots[j] = new Slot();
      }
      for (int i = 0; i < children.length; i++) {
        Type t = requested.getType(i);
        int out = -1;
        for (int j = 0; j < required.size(); j++) {
          if (required.field(j).name().equalsIgnoreCase(t.getName())) {
            out = j;
            if (required.field(j).name().equals(t.getName())) {
              break;
            }
          }
        }
        children[i] = topLevel(t, required.field(out).dataType(), slots[out]);
      }
    }

    /** Starts a new batch appending to these builders (one per output column). */
    void setBuilders(VectorBuilder[] builders) {
      this.all = builders;
      for (int j = 0; j < slots.length; j++) {
        slots[j].b = builders[j];
      }
      rows = 0;
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return children[fieldIndex];
    }

    @Override
    public void start() {}

    @Override
    public void end() {
      rows++;
      for (VectorBuilder b : all) {
        if (b.size() < rows) {
          b.appendNull();
        }
      }
    }
  }

  static Converter topLevel(Type t, DataType target, Slot slot) {
    if (t.isPrimitive() && !t.isRepetition(Type.Repetition.REPEATED)) {
      PrimitiveType p = t.asPrimitiveType();
      LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
      boolean plain = a == null || a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation
          || a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
          || (a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts
              && ts.getUnit() == LogicalTypeAnnotation.TimeUnit.MICROS);
      if (plain) {
        switch (p.getPrimitiveTypeName()) {
          case INT32:
            if (target == DataTypes.IntegerType || target == DataTypes.DateType) {
              return new PrimitiveConverter() {
                @Override
                public void addInt(int value) {
                  ((VectorBuilder.IntBuilder) slot.b).appendInt(value);
                }
              };
            }
            break;
          case INT64:
            if (target == DataTypes.LongType || target == DataTypes.TimestampType) {
              return new PrimitiveConverter() {
                @Override
                public void addLong(long value) {
                  ((VectorBuilder.LongBuilder) slot.b).appendLong(value);
                }
              };
            }
            break;
          case DOUBLE:
            if (target == DataTypes.DoubleType) {
              return new PrimitiveConverter() {
                @Override
                public void addDouble(double value) {
                  ((VectorBuilder.DoubleBuilder) slot.b).appendDouble(value);
                }
              };
            }
            break;
          case BINARY:
            if (target == DataTypes.StringType) {
              return new StringConverter(v -> slot.b.append(v));
            }
            break;
          default:
            break;
        }
      }
    }
    return converter(t, target, v -> slot.b.append(v));
  }

  /** Strings, decoding each dictionary entry once. */
  static final class StringConverter extends PrimitiveConverter {
    private final Consumer<Object> out;
    private String[] dict;

    StringConverter(Consumer<Object> out) {
      this.out = out;
    }

    @Override
    public boolean hasDictionarySupport() {
      return true;
    }

    @Override
    public void setDictionary(Dictionary dictionary) {
      dict = new String[dictionary.getMaxId() + 1];
      for (int i = 0; i < dict.length; i++) {
        dict[i] = dictionary.decodeToBinary(i).toStringUsingUTF8();
      }
    }

    @Override
    public void addValueFromDictionary(int dictionaryId) {
      out.accept(dict[dictionaryId]);
    }

    @Override
    public void addBinary(Binary value) {
      out.accept(value.toStringUsingUTF8());
    }
  }

  /** A converter delivering the value of {@code t} as an internal value of {@code target} to {@code out}. */
  static Converter converter(Type t, DataType target, Consumer<Object> out) {
    if (t.isRepetition(Type.Repetition.REPEATED) && target instanceof ArrayType at) {
      throw new dev.sluice.errors.SluiceException(dev.sluice.errors.ErrorClass.UNSUPPORTED_FEATURE,
          "reading the Parquet field " + t.getName() + ": repeated fields outside a LIST group");
    }
    if (t.isPrimitive()) {
      return primitive(t.asPrimitiveType(), target, out);
    }
    GroupType g = t.asGroupType();
    if (target instanceof ArrayType at) {
      return new ListConverter(g, at, out);
    }
    if (target instanceof MapType mt) {
      return new MapConverter(g, mt, out);
    }
    return new StructConverter(g, (StructType) target, out);
  }

  static final class StructConverter extends GroupConverter {
    private final Converter[] children;
    private final int[] slots;
    private final int width;
    private final Consumer<Object> out;
    private Object[] current;

    StructConverter(GroupType g, StructType target, Consumer<Object> out) {
      this.out = out;
      this.width = target.size();
      this.children = new Converter[g.getFieldCount()];
      this.slots = new int[g.getFieldCount()];
      for (int i = 0; i < children.length; i++) {
        Type f = g.getType(i);
        int slot = -1;
        for (int j = 0; j < target.size(); j++) {
          if (target.field(j).name().equalsIgnoreCase(f.getName())) {
            slot = j;
            break;
          }
        }
        slots[i] = slot;
        int s = slot;
        DataType ft = slot >= 0 ? target.field(slot).dataType() : ParquetSchemas.toSluice(f);
        children[i] = converter(f, ft, v -> {
          if (s >= 0) {
            current[s] = v;
          }
        });
      }
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return children[fieldIndex];
    }

    @Override
    public void start() {
      current = new Object[width];
    }

    @Override
    public void end() {
      out.accept(current);
    }
  }

  static final class ListConverter extends GroupConverter {
    private final Converter repeated;
    private final Consumer<Object> out;
    private List<Object> current;

    ListConverter(GroupType g, ArrayType target, Consumer<Object> out) {
      this.out = out;
      Type rep = g.getType(0);
      if (ParquetSchemas.repeatedIsElement(g.getName(), rep)) {
        Type elem = rep.isPrimitive() ? rep : rep;
        Converter c = rep.isPrimitive() ? primitive(rep.asPrimitiveType(), target.elementType(), v -> current.add(v))
            : new StructConverter(elem.asGroupType(), (StructType) target.elementType(), v -> current.add(v));
        this.repeated = c;
      } else {
        GroupType wrapper = rep.asGroupType();
        this.repeated = new ElementConverter(wrapper.getType(0), target.elementType());
      }
    }

    final class ElementConverter extends GroupConverter {
      private final Converter element;
      private Object value;

      ElementConverter(Type elementType, DataType target) {
        element = converter(elementType, target, v -> value = v);
      }

      @Override
      public Converter getConverter(int fieldIndex) {
        return element;
      }

      @Override
      public void start() {
        value = null;
      }

      @Override
      public void end() {
        current.add(value);
      }
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return repeated;
    }

    @Override
    public void start() {
      current = new ArrayList<>();
    }

    @Override
    public void end() {
      out.accept(current);
    }
  }

  static final class MapConverter extends GroupConverter {
    private final GroupConverter keyValue;
    private final Consumer<Object> out;
    private Map<Object, Object> current;

    MapConverter(GroupType g, MapType target, Consumer<Object> out) {
      this.out = out;
      GroupType kv = g.getType(0).asGroupType();
      Object[] pair = new Object[2];
      Converter kc = converter(kv.getType(0), target.keyType(), v -> pair[0] = v);
      Converter vc = converter(kv.getType(1), target.valueType(), v -> pair[1] = v);
      this.keyValue = new GroupConverter() {
        @Override
        public Converter getConverter(int fieldIndex) {
          return fieldIndex == 0 ? kc : vc;
        }

        @Override
        public void start() {
          pair[0] = null;
          pair[1] = null;
        }

        @Override
        public void end() {
          current.put(pair[0], pair[1]);
        }
      };
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return keyValue;
    }

    @Override
    public void start() {
      current = new LinkedHashMap<>();
    }

    @Override
    public void end() {
      out.accept(current);
    }
  }

  static PrimitiveConverter primitive(PrimitiveType p, DataType target, Consumer<Object> out) {
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    if (a instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d) {
      int scale = d.getScale();
      return new PrimitiveConverter() {
        @Override
        public void addInt(int value) {
          out.accept(fit(BigDecimal.valueOf(value, scale), target));
        }

        @Override
        public void addLong(long value) {
          out.accept(fit(BigDecimal.valueOf(value, scale), target));
        }

        @Override
        public void addBinary(Binary value) {
          out.accept(fit(new BigDecimal(new BigInteger(value.getBytes()), scale), target));
        }
      };
    }
    if (target == DataTypes.StringType) {
      return new StringConverter(out);
    }
    long tsFactor = 1;
    if (a instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation ts) {
      tsFactor = switch (ts.getUnit()) {
        case MILLIS -> 1000;
        case MICROS -> 1;
        case NANOS -> -1000;
      };
    }
    long factor = tsFactor;
    return new PrimitiveConverter() {
      @Override
      public void addBoolean(boolean value) {
        out.accept(value);
      }

      @Override
      public void addInt(int value) {
        if (target == DataTypes.LongType) {
          out.accept((long) value);
        } else if (target == DataTypes.DoubleType) {
          out.accept((double) value);
        } else {
          out.accept(value);
        }
      }

      @Override
      public void addLong(long value) {
        if (target == DataTypes.DoubleType) {
          out.accept((double) value);
        } else if (target == DataTypes.TimestampType && factor != 1) {
          out.accept(factor > 0 ? value * factor : Math.floorDiv(value, -factor));
        } else if (target == DataTypes.IntegerType) {
          out.accept((int) value);
        } else {
          out.accept(value);
        }
      }

      @Override
      public void addFloat(float value) {
        out.accept((double) value);
      }

      @Override
      public void addDouble(double value) {
        out.accept(value);
      }

      @Override
      public void addBinary(Binary value) {
        if (p.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT96) {
          ByteBuffer bb = value.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
          long nanosOfDay = bb.getLong();
          int julianDay = bb.getInt();
          long days = julianDay - 2_440_588L;
          out.accept(days * 86_400_000_000L + nanosOfDay / 1000);
        } else {
          out.accept(value.getBytes());
        }
      }
    };
  }

  private static Object fit(BigDecimal d, DataType target) {
    if (target instanceof DecimalType dt && d.scale() != dt.scale()) {
      return d.setScale(dt.scale(), java.math.RoundingMode.HALF_UP);
    }
    if (target == DataTypes.DoubleType) {
      return d.doubleValue();
    }
    return d;
  }

  /** Output fields that are not in the file: always null. */
  static List<StructField> missing(StructType required, GroupType requested) {
    List<StructField> out = new ArrayList<>();
    for (StructField f : required) {
      if (ParquetSchemas.find(requested, f.name()) == null) {
        out.add(f);
      }
    }
    return out;
  }
}
