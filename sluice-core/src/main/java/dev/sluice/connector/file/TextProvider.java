package dev.sluice.connector.file;

import dev.sluice.connector.file.text.TextFileFormat;

/** {@code format("text")}: one {@code value} row per line. */
public final class TextProvider extends FileFormatProvider {
  public TextProvider() {
    super(new TextFileFormat());
  }
}
