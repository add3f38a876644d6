package dev.sluice.connector.file;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.util.Warnings;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a file cannot be read (garbage, a truncated Parquet or gzip file, a zero-byte
 * Parquet file, a disk error): by default the read fails with FAILED_READ_FILE naming the file; with
 * the option {@code ignoreCorruptFiles} (or the session conf {@code sluice.sql.files.ignoreCorruptFiles},
 * spelled {@code spark.sql.files.ignoreCorruptFiles} too) the rest of the file is skipped with a
 * warning naming it, and the rows read from it before the failure are kept, as in Spark.
 *
 * <p>Errors Sluice raises on purpose while reading ({@link SluiceException}s: a malformed record
 * under FAILFAST, a Parquet column of another type than the schema's) are never skipped: they name
 * their own fix.
 */
public final class CorruptFiles {
  /** The option (and, under {@code sluice.sql.files.}, the session conf) that skips corrupt files. */
  public static final String OPTION = "ignoreCorruptFiles";

  private static final Logger LOG = LoggerFactory.getLogger(CorruptFiles.class);

  private CorruptFiles() {}

  /** Whether corrupt files are skipped in this read. */
  public static boolean ignore(FormatContext ctx) {
    return ctx.options().getBoolean(OPTION, false);
  }

  /** Whether {@code e} is a failure to read a file's content, which {@link #OPTION} may skip. */
  public static boolean isReadFailure(Throwable e) {
    return e instanceof IOException || (e instanceof RuntimeException && !(e instanceof SluiceException));
  }

  /** The FAILED_READ_FILE error for {@code path}, saying how to skip such files. */
  public static SluiceException failed(String path, Throwable e) {
    Throwable cause = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
    return new SluiceException(ErrorClass.FAILED_READ_FILE, cause, path, cause
        + " (if the file is corrupt and may be skipped, set the option " + OPTION + " to true)");
  }

  /** Logs (and records, see {@link Warnings}) that the rest of {@code path} is skipped. */
  public static void skipped(String path, Throwable e) {
    Throwable cause = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
    Warnings.warn(LOG, "Skipped the rest of the content in the corrupt file " + path + " (" + OPTION + " is true): "
        + cause, cause);
  }

  /**
   * Handles {@code e}, raised reading {@code path}: returns when the file is to be skipped (after the
   * warning), else throws the error to raise (FAILED_READ_FILE naming the file, or {@code e} itself
   * when it is one of Sluice's own errors).
   */
  public static void handle(FormatContext ctx, String path, Exception e) {
    if (!isReadFailure(e)) {
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
    if (!ignore(ctx)) {
      throw failed(path, e);
    }
    skipped(path, e);
  }
}
