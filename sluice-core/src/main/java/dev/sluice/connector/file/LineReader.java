package dev.sluice.connector.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding it: {@code \n}, {@code \r\n} and {@code \r} end a
 * line (or a custom separator). The bytes of the current line are in {@link #buffer()} from 0 to
 * {@link #length()}, valid until the next {@link #next()}. Not thread-safe.
 */
public final class LineReader implements java.io.Closeable {
  private final InputStream in;
  private final byte[] sep;
  private final byte[] chunk = new byte[1 << 16];
  private int pos;
  private int limit;
  private byte[] line = new byte[256];
  private int length;
  private long lineNumber;
  private boolean eof;

  public LineReader(InputStream in, String lineSep, Charset charset) {
    this.in = in;
    this.sep = lineSep == null ? null : lineSep.getBytes(charset);
  }

  public LineReader(InputStream in) {
    this(in, null, StandardCharsets.UTF_8);
  }

  /** Reads the next line; false at the end of the stream. */
  public boolean next() throws IOException {
    length = 0;
    boolean any = false;
    while (true) {
      if (pos >= limit) {
        if (eof || !fill()) {
          if (any) {
            lineNumber++;
          }
          return any;
        }
      }
      any = true;
      byte b = chunk[pos++];
      if (sep == null) {
        if (b == '\n') {
          lineNumber++;
          return true;
        }
        if (b == '\r') {
          if (pos >= limit && !eof) {
            fill();
          }
          if (pos < limit && chunk[pos] == '\n') {
            pos++;
          }
          lineNumber++;
          return true;
        }
        append(b);
      } else {
        append(b);
        if (length >= sep.length && endsWithSep()) {
          length -= sep.length;
          lineNumber++;
          return true;
        }
      }
    }
  }

  private boolean endsWithSep() {
    for (int i = 0; i < sep.length; i++) {
      if (line[length - sep.length + i] != sep[i]) {
        return false;
      }
    }
    return true;
  }

  private void append(byte b) {
    if (length == line.length) {
      line = Arrays.copyOf(line, line.length * 2);
    }
    line[length++] = b;
  }

  private boolean fill() throws IOException {
    int n = in.read(chunk, 0, chunk.length);
    if (n <= 0) {
      eof = true;
      pos = 0;
      limit = 0;
      return false;
    }
    pos = 0;
    limit = n;
    return true;
  }

  public byte[] buffer() {
    return line;
  }

  public int length() {
    return length;
  }

  /** 1-based number of the current line. */
  public long lineNumber() {
    return lineNumber;
  }

  public String text(Charset cs) {
    return new String(line, 0, length, cs);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
