package dev.sluice.state;

import dev.sluice.errors.CheckpointException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * The file format of state deltas (changelogs) and snapshots, shared by the state store providers:
 * a magic number and format version, a record count, records ({@code 1 key value} for a put,
 * {@code 2 key} for a remove, rows in {@link RowCodec}), and a CRC32 of everything before it. Files
 * are written atomically; a file that does not check out is refused with a message naming it.
 */
public final class StateFiles {
  private StateFiles() {}

  static final int MAGIC = 0x534c5354; // "SLST"
  static final int FORMAT_VERSION = 1;

  /**
   * Writes puts and removes as one atomic file, replacing an existing one (a replayed batch writes
   * its version again), through the checkpoint's file manager.
   */
  public static void write(CheckpointFileManager files, String target, Iterable<Map.Entry<Object[], Object[]>> puts, Iterable<Object[]> removes,
      int count) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(body);
    out.writeInt(MAGIC);
    out.writeInt(FORMAT_VERSION);
    out.writeInt(count);
    for (Object[] k : removes) {
      out.writeByte(2);
      RowCodec.writeRow(out, k);
    }
    for (Map.Entry<Object[], Object[]> e : puts) {
      out.writeByte(1);
      RowCodec.writeRow(out, e.getKey());
      RowCodec.writeRow(out, e.getValue());
    }
    out.flush();
    byte[] bytes = body.toByteArray();
    CRC32 crc = new CRC32();
    crc.update(bytes);
    ByteArrayOutputStream all = new ByteArrayOutputStream(bytes.length + 8);
    all.write(bytes);
    new DataOutputStream(all).writeLong(crc.getValue());
    files.writeAtomic(target, all.toByteArray());
  }

  /** Reads a file, calling {@code onPut(key, value)} and {@code onRemove(key)} in order. */
  public static void read(CheckpointFileManager files, String f, BiConsumer<Object[], Object[]> onPut,
      Consumer<Object[]> onRemove) {
    byte[] all;
    try {
      all = files.read(f);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new CheckpointException(f, "the state file is missing");
    } catch (IOException e) {
      throw new CheckpointException(f, "the state file cannot be read (" + e.getMessage() + ")");
    }
    if (all.length < 20) {
      throw new CheckpointException(f, "the state file is truncated (" + all.length + " bytes)");
    }
    try {
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, all.length - 8));
      if (in.readInt() != MAGIC) {
        throw new CheckpointException(f, "the state file is corrupt: it is not a Sluice state file (bad magic number)");
      }
      int version = in.readInt();
      if (version != FORMAT_VERSION) {
        throw new CheckpointException(f, "the state file has format version " + version + ", but this Sluice reads "
            + "version " + FORMAT_VERSION + "; it was written by a newer or incompatible Sluice");
      }
      CRC32 crc = new CRC32();
      crc.update(all, 0, all.length - 8);
      long stored = ByteBuffer.wrap(all, all.length - 8, 8).getLong();
      if (crc.getValue() != stored) {
        throw new CheckpointException(f, "the state file is corrupt (checksum mismatch)");
      }
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        int op = in.readByte();
        Object[] key = RowCodec.readRow(in);
        if (op == 1) {
          onPut.accept(key, RowCodec.readRow(in));
        } else if (op == 2) {
          onRemove.accept(key);
        } else {
          throw new CheckpointException(f, "the state file is corrupt: unknown record type " + op);
        }
      }
    } catch (IOException e) {
      throw new CheckpointException(f, "the state file is corrupt (" + e.getMessage() + ")");
    }
  }
}
