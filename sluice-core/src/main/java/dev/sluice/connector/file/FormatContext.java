package dev.sluice.connector.file;

import dev.sluice.conf.Options;
import dev.sluice.formats.ParseMode;
import java.time.ZoneId;

/** What a {@link FileFormat} reads and writes with: the connector options, the session time zone and batch size. */
public record FormatContext(Options options, ZoneId zone, int batchSize) {
  /** The name of the column that receives malformed records (option {@code columnNameOfCorruptRecord}). */
  public String corruptColumn() {
    return options.get("columnNameOfCorruptRecord", "_corrupt_record");
  }

  public ParseMode mode() {
    return ParseMode.from(options);
  }
}
