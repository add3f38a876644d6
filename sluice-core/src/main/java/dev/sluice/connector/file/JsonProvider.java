package dev.sluice.connector.file;

import dev.sluice.connector.file.json.JsonFileFormat;

/** {@code format("json")}: JSON lines files (see {@link dev.sluice.formats.json.JsonOptions}). */
public final class JsonProvider extends FileFormatProvider {
  public JsonProvider() {
    super(new JsonFileFormat());
  }
}
