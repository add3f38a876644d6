package dev.sluice.parquet;

import dev.sluice.fs.FileSystem;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;

/** Parquet's file abstractions over Sluice's {@link FileSystem}, so Parquet works wherever the file connector does. */
final class FileSystemFiles {
  private FileSystemFiles() {}

  static InputFile input(FileSystem fs, String path, long knownLength) {
    return new InputFile() {
      @Override
      public long getLength() throws IOException {
        if (knownLength >= 0) {
          return knownLength;
        }
        try (FileSystem.RandomAccessInput in = fs.openRandomAccess(path)) {
          return in.length();
        }
      }

      @Override
      public SeekableInputStream newStream() throws IOException {
        return new Stream(fs.openRandomAccess(path));
      }

      @Override
      public String toString() {
        return path;
      }
    };
  }

  static OutputFile output(FileSystem fs, String path) {
    return new OutputFile() {
      @Override
      public PositionOutputStream create(long blockSizeHint) throws IOException {
        return wrap(fs.create(path, false));
      }

      @Override
      public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        return wrap(fs.create(path, true));
      }

      @Override
      public boolean supportsBlockSize() {
        return false;
      }

      @Override
      public long defaultBlockSize() {
        return 128L << 20;
      }

      @Override
      public String getPath() {
        return path;
      }
    };
  }

  private static PositionOutputStream wrap(OutputStream raw) {
    OutputStream out = new java.io.BufferedOutputStream(raw, 1 << 16);
    return new PositionOutputStream() {
      private long pos;

      @Override
      public long getPos() {
        return pos;
      }

      @Override
      public void write(int b) throws IOException {
        out.write(b);
        pos++;
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        pos += len;
      }

      @Override
      public void flush() throws IOException {
        out.flush();
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }

  /** Positional reads with a small read-ahead buffer. */
  static final class Stream extends SeekableInputStream {
    private final FileSystem.RandomAccessInput in;
    private final long length;
    private long pos;
    private final byte[] one = new byte[1];

    Stream(FileSystem.RandomAccessInput in) throws IOException {
      this.in = in;
      this.length = in.length();
    }

    @Override
    public long getPos() {
      return pos;
    }

    @Override
    public void seek(long newPos) {
      pos = newPos;
    }

    @Override
    public int read() throws IOException {
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (pos >= length) {
        return -1;
      }
      int n = (int) Math.min(len, length - pos);
      in.readFully(pos, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public void readFully(byte[] bytes) throws IOException {
      readFully(bytes, 0, bytes.length);
    }

    @Override
    public void readFully(byte[] bytes, int start, int len) throws IOException {
      if (pos + len > length) {
        throw new EOFException("Reading past the end of the file at " + pos);
      }
      in.readFully(pos, bytes, start, len);
      pos += len;
    }

    @Override
    public int read(ByteBuffer buf) throws IOException {
      if (pos >= length) {
        return -1;
      }
      int n = (int) Math.min(buf.remaining(), length - pos);
      byte[] tmp = new byte[n];
      readFully(tmp, 0, n);
      buf.put(tmp);
      return n;
    }

    @Override
    public void readFully(ByteBuffer buf) throws IOException {
      int n = buf.remaining();
      byte[] tmp = new byte[n];
      readFully(tmp, 0, n);
      buf.put(tmp);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
