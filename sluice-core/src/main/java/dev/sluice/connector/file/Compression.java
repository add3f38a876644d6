package dev.sluice.connector.file;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * Compression of the text formats (json, csv, text): {@code gzip} and {@code deflate} with the JDK's
 * codecs. Readers pick the codec by file extension ({@code .gz}, {@code .deflate}); writers by the
 * {@code compression} option ({@code none} by default).
 */
public final class Compression {
  private Compression() {}

  /** The codec name for the {@code compression} option, or "none". */
  public static String codec(dev.sluice.conf.Options o) {
    String c = o.get("compression", o.get("codec", "none")).trim().toLowerCase(Locale.ROOT);
    return switch (c) {
      case "none", "uncompressed", "" -> "none";
      case "gzip", "gz" -> "gzip";
      case "deflate", "zlib" -> "deflate";
      default -> throw new SluiceException(ErrorClass.INVALID_OPTION, "compression", c,
          "the json, csv and text formats support none, gzip and deflate");
    };
  }

  /** ".gz", ".deflate" or "". */
  public static String extension(String codec) {
    return switch (codec) {
      case "gzip" -> ".gz";
      case "deflate" -> ".deflate";
      default -> "";
    };
  }

  public static InputStream wrapInput(InputStream in, String path) throws IOException {
    String p = path.toLowerCase(Locale.ROOT);
    if (p.endsWith(".gz") || p.endsWith(".gzip")) {
      return new GZIPInputStream(in, 65536);
    }
    if (p.endsWith(".deflate")) {
      return new InflaterInputStream(in);
    }
    if (p.endsWith(".zst") || p.endsWith(".bz2") || p.endsWith(".lz4") || p.endsWith(".snappy")) {
      in.close();
      throw new SluiceException(ErrorClass.UNSUPPORTED_FEATURE, "reading " + path + ": its compression codec "
          + "is not supported for the text formats; use gzip, deflate or uncompressed files");
    }
    return in;
  }

  public static OutputStream wrapOutput(OutputStream out, String codec) throws IOException {
    return switch (codec) {
      case "gzip" -> new GZIPOutputStream(out, 65536);
      case "deflate" -> new DeflaterOutputStream(out);
      default -> out;
    };
  }
}
