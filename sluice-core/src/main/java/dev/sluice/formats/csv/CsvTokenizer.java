package dev.sluice.formats.csv;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into fields with Jackson's CSV parser: one line at a time (each line is a record,
 * as Spark reads CSV without {@code multiLine}), or a whole stream whose quoted fields may span lines.
 * Not thread-safe.
 */
public final class CsvTokenizer {
  private final CsvOptions o;
  private final List<String> tokens = new ArrayList<>();
  private CsvParser stream;

  public CsvTokenizer(CsvOptions o) {
    this.o = o;
  }

  /** The fields of one line (the list is reused). */
  public List<String> line(String line) throws IOException {
    tokens.clear();
    try (CsvParser p = (CsvParser) o.factory.createParser(line)) {
      p.setSchema(o.schema);
      readRecord(p);
    }
    return tokens;
  }

  /** Starts reading records that may span lines from {@code in}. */
  public void open(Reader in) throws IOException {
    stream = (CsvParser) o.factory.createParser(in);
    stream.setSchema(o.schema);
  }

  /** The fields of the next record of the stream, or null at its end (the list is reused). */
  public List<String> nextRecord() throws IOException {
    tokens.clear();
    return readRecord(stream) ? tokens : null;
  }

  /** The line where the current record of the stream ends. */
  public long streamLine() {
    return stream.currentLocation().getLineNr();
  }

  public void close() throws IOException {
    if (stream != null) {
      stream.close();
    }
  }

  private boolean readRecord(CsvParser p) throws IOException {
    JsonToken t = p.nextToken();
    if (t == null) {
      return false;
    }
    if (t != JsonToken.START_ARRAY) {
      throw new IOException("unexpected CSV token " + t);
    }
    while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
      tokens.add(t == JsonToken.VALUE_NULL ? null : p.getText());
    }
    return true;
  }
}
