package dev.sluice.parquet;

import dev.sluice.types.ArrayType;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import dev.sluice.types.DecimalType;
import dev.sluice.types.MapType;
import dev.sluice.types.StructType;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.DoubleVector;
import dev.sluice.vector.IntVector;
import dev.sluice.vector.LongVector;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/** Writes one row of a column batch (internal values) through Parquet's record consumer. */
final class RowWriteSupport extends WriteSupport<RowWriteSupport.RowRef> {
  /** The row to write: a position in a batch (reused for every row). */
  static final class RowRef {
    ColumnBatch batch;
    int row;
  }

  private final StructType schema;
  private final MessageType parquetSchema;
  private RecordConsumer out;

  RowWriteSupport(StructType schema) {
    this.schema = schema;
    this.parquetSchema = ParquetSchemas.toParquet(schema);
  }

  @Override
  public WriteContext init(Configuration configuration) {
    Map<String, String> meta = new HashMap<>();
    meta.put("org.apache.spark.version", "3.5.0");
    meta.put("dev.sluice.schema", schema.toDDL());
    return new WriteContext(parquetSchema, meta);
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.out = recordConsumer;
  }

  @Override
  public void write(RowRef r) {
    out.startMessage();
    for (int c = 0; c < schema.size(); c++) {
      ColumnVector v = r.batch.column(c);
      if (v.isNull(r.row)) {
        continue;
      }
      String name = schema.field(c).name();
      out.startField(name, c);
      DataType t = schema.field(c).dataType();
      if (v instanceof IntVector iv && (t == DataTypes.IntegerType || t == DataTypes.DateType)) {
        out.addInteger(iv.getInt(r.row));
      } else if (v instanceof LongVector lv && (t == DataTypes.LongType || t == DataTypes.TimestampType)) {
        out.addLong(lv.getLong(r.row));
      } else if (v instanceof DoubleVector dv) {
        out.addDouble(dv.getDouble(r.row));
      } else {
        writeValue(v.get(r.row), t);
      }
      out.endField(name, c);
    }
    out.endMessage();
  }

  private void writeValue(Object v, DataType t) {
    if (t == DataTypes.BooleanType) {
      out.addBoolean((Boolean) v);
    } else if (t == DataTypes.IntegerType || t == DataTypes.DateType) {
      out.addInteger((Integer) v);
    } else if (t == DataTypes.LongType || t == DataTypes.TimestampType) {
      out.addLong((Long) v);
    } else if (t == DataTypes.DoubleType) {
      out.addDouble((Double) v);
    } else if (t == DataTypes.StringType) {
      out.addBinary(Binary.fromString((String) v));
    } else if (t == DataTypes.BinaryType) {
      out.addBinary(Binary.fromConstantByteArray((byte[]) v));
    } else if (t instanceof DecimalType dt) {
      BigInteger unscaled = ((BigDecimal) v).setScale(dt.scale(), java.math.RoundingMode.HALF_UP).unscaledValue();
      if (dt.precision() <= 9) {
        out.addInteger(unscaled.intValue());
      } else if (dt.precision() <= 18) {
        out.addLong(unscaled.longValue());
      } else {
        out.addBinary(Binary.fromConstantByteArray(fixed(unscaled, ParquetSchemas.decimalBytes(dt.precision()))));
      }
    } else if (t instanceof StructType st) {
      Object[] vals = (Object[]) v;
      out.startGroup();
      for (int i = 0; i < st.size(); i++) {
        if (vals[i] != null) {
          String n = st.field(i).name();
          out.startField(n, i);
          writeValue(vals[i], st.field(i).dataType());
          out.endField(n, i);
        }
      }
      out.endGroup();
    } else if (t instanceof ArrayType at) {
      List<?> list = (List<?>) v;
      out.startGroup();
      if (!list.isEmpty()) {
        out.startField("list", 0);
        for (Object e : list) {
          out.startGroup();
          if (e != null) {
            out.startField("element", 0);
            writeValue(e, at.elementType());
            out.endField("element", 0);
          }
          out.endGroup();
        }
        out.endField("list", 0);
      }
      out.endGroup();
    } else if (t instanceof MapType mt) {
      Map<?, ?> map = (Map<?, ?>) v;
      out.startGroup();
      if (!map.isEmpty()) {
        out.startField("key_value", 0);
        for (Map.Entry<?, ?> e : map.entrySet()) {
          out.startGroup();
          out.startField("key", 0);
          writeValue(e.getKey(), mt.keyType());
          out.endField("key", 0);
          if (e.getValue() != null) {
            out.startField("value", 1);
            writeValue(e.getValue(), mt.valueType());
            out.endField("value", 1);
          }
          out.endGroup();
        }
        out.endField("key_value", 0);
      }
      out.endGroup();
    } else {
      throw new IllegalArgumentException("Cannot write " + t.sql() + " to Parquet");
    }
  }

  private static byte[] fixed(BigInteger unscaled, int len) {
    byte[] raw = unscaled.toByteArray();
    byte[] outb = new byte[len];
    byte pad = (byte) (unscaled.signum() < 0 ? 0xFF : 0);
    int start = len - raw.length;
    for (int i = 0; i < len; i++) {
      outb[i] = i < start ? pad : raw[i - start];
    }
    return outb;
  }

  static String utf8(Binary b) {
    return b.toStringUsingUTF8();
  }
}
