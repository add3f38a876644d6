package dev.sluice.connector.file;

import dev.sluice.connector.file.csv.CsvFileFormat;

/** {@code format("csv")}: CSV files (see {@link dev.sluice.formats.csv.CsvOptions}). */
public final class CsvProvider extends FileFormatProvider {
  public CsvProvider() {
    super(new CsvFileFormat());
  }
}
