package dev.sluice.streaming;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;

/**
 * Random (version 4) UUIDs for query and run ids. They come from the operating system's random
 * source read directly where there is one ({@code /dev/urandom}): {@link UUID#randomUUID()} first
 * initializes the JDK's SecureRandom provider machinery, some 30 ms in a new JVM on the way to a
 * query's first batch. The bytes are the same kind SecureRandom's default seeds from. Elsewhere,
 * or if reading fails, {@link UUID#randomUUID()}.
 */
public final class QueryIds {
  private QueryIds() {}

  public static UUID random() {
    byte[] b = new byte[16];
    try (InputStream in = new FileInputStream("/dev/urandom")) {
      int n = 0;
      while (n < b.length) {
        int r = in.read(b, n, b.length - n);
        if (r < 0) {
          return UUID.randomUUID();
        }
        n += r;
      }
    } catch (IOException | SecurityException e) {
      return UUID.randomUUID();
    }
    b[6] = (byte) ((b[6] & 0x0f) | 0x40); // version 4
    b[8] = (byte) ((b[8] & 0x3f) | 0x80); // IETF variant
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 8; i++) {
      msb = (msb << 8) | (b[i] & 0xff);
      lsb = (lsb << 8) | (b[i + 8] & 0xff);
    }
    return new UUID(msb, lsb);
  }
}
