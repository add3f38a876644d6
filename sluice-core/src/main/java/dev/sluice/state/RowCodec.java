package dev.sluice.state;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Binary encoding of internal rows ({@code Object[]} of internal values), self-describing by type tags. */
public final class RowCodec {
  private RowCodec() {}

  private static final int NULL = 0;
  private static final int BOOL = 1;
  private static final int INT = 2;
  private static final int LONG = 3;
  private static final int DOUBLE = 4;
  private static final int STRING = 5;
  private static final int DECIMAL = 6;
  private static final int BYTES = 7;
  private static final int STRUCT = 8;
  private static final int LIST = 9;
  private static final int MAP = 10;

  public static void writeRow(DataOutputStream out, Object[] row) throws IOException {
    out.writeInt(row.length);
    for (Object v : row) {
      writeValue(out, v);
    }
  }

  public static Object[] readRow(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 1_000_000) {
      throw new IOException("invalid row width " + n);
    }
    Object[] row = new Object[n];
    for (int i = 0; i < n; i++) {
      row[i] = readValue(in);
    }
    return row;
  }

  static void writeValue(DataOutputStream out, Object v) throws IOException {
    if (v == null) {
      out.writeByte(NULL);
    } else if (v instanceof Boolean b) {
      out.writeByte(BOOL);
      out.writeBoolean(b);
    } else if (v instanceof Integer i) {
      out.writeByte(INT);
      out.writeInt(i);
    } else if (v instanceof Long l) {
      out.writeByte(LONG);
      out.writeLong(l);
    } else if (v instanceof Double d) {
      out.writeByte(DOUBLE);
      out.writeDouble(d);
    } else if (v instanceof String s) {
      out.writeByte(STRING);
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.writeInt(b.length);
      out.write(b);
    } else if (v instanceof BigDecimal d) {
      out.writeByte(DECIMAL);
      out.writeInt(d.scale());
      byte[] b = d.unscaledValue().toByteArray();
      out.writeInt(b.length);
      out.write(b);
    } else if (v instanceof byte[] b) {
      out.writeByte(BYTES);
      out.writeInt(b.length);
      out.write(b);
    } else if (v instanceof Object[] s) {
      out.writeByte(STRUCT);
      writeRow(out, s);
    } else if (v instanceof List<?> list) {
      out.writeByte(LIST);
      out.writeInt(list.size());
      for (Object e : list) {
        writeValue(out, e);
      }
    } else if (v instanceof Map<?, ?> map) {
      out.writeByte(MAP);
      out.writeInt(map.size());
      for (Map.Entry<?, ?> e : map.entrySet()) {
        writeValue(out, e.getKey());
        writeValue(out, e.getValue());
      }
    } else {
      throw new IOException("Cannot encode state value of class " + v.getClass().getName());
    }
  }

  static Object readValue(DataInputStream in) throws IOException {
    int tag = in.readByte();
    switch (tag) {
      case NULL:
        return null;
      case BOOL:
        return in.readBoolean();
      case INT:
        return in.readInt();
      case LONG:
        return in.readLong();
      case DOUBLE:
        return in.readDouble();
      case STRING: {
        return new String(readBytes(in), StandardCharsets.UTF_8);
      }
      case DECIMAL: {
        int scale = in.readInt();
        return new BigDecimal(new BigInteger(readBytes(in)), scale);
      }
      case BYTES:
        return readBytes(in);
      case STRUCT:
        return readRow(in);
      case LIST: {
        int n = in.readInt();
        List<Object> l = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          l.add(readValue(in));
        }
        return l;
      }
      case MAP: {
        int n = in.readInt();
        Map<Object, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
          Object k = readValue(in);
          m.put(k, readValue(in));
        }
        return m;
      }
      default:
        throw new IOException("unknown value tag " + tag);
    }
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > 256 * 1024 * 1024) {
      throw new IOException("invalid length " + n);
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }
}
