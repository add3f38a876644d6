package dev.sluice.parquet;

import dev.sluice.connector.file.FileFormatProvider;

/** {@code format("parquet")}: Parquet files for batch reads and writes, streams and streaming sinks. */
public final class ParquetProvider extends FileFormatProvider {
  public ParquetProvider() {
    super(new ParquetFileFormat());
  }
}
