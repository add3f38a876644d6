package dev.sluice.formats.csv;

import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import dev.sluice.conf.Options;
import dev.sluice.formats.BadRecordException;
import dev.sluice.types.StructType;
import java.io.IOException;
import java.io.StringWriter;
import java.time.ZoneId;
import java.util.List;

/** One CSV record to a struct and back, for {@code from_csv} and {@code to_csv}. Not thread-safe. */
public final class CsvConverter {
  private final StructType schema;
  private final CsvOptions options;
  private final CsvValues values;
  private final CsvTokenizer tokenizer;
  private final int[] positions;
  private final int dataWidth;
  private final int corruptIndex;

  public CsvConverter(StructType schema, Options options, ZoneId zone) {
    this.schema = schema;
    this.options = new CsvOptions(options, zone);
    this.values = new CsvValues(this.options);
    this.tokenizer = new CsvTokenizer(this.options);
    this.corruptIndex = schema.indexOf(this.options.corruptColumn);
    this.positions = new int[schema.size()];
    int p = 0;
    for (int i = 0; i < positions.length; i++) {
      positions[i] = i == corruptIndex ? -1 : p++;
    }
    this.dataWidth = p;
  }

  public CsvOptions options() {
    return options;
  }

  public int corruptIndex() {
    return corruptIndex;
  }

  public Object[] parse(String record) throws BadRecordException {
    List<String> tokens;
    try {
      tokens = tokenizer.line(record);
    } catch (IOException e) {
      throw new BadRecordException("invalid CSV: " + e.getMessage(), null);
    }
    return values.convert(tokens, schema, positions, dataWidth);
  }

  public String write(Object[] row) {
    StringWriter w = new StringWriter();
    try (CsvGenerator g = (CsvGenerator) options.factory.createGenerator(w)) {
      g.setSchema(options.schema.withLineSeparator(""));
      g.writeStartArray();
      for (int i = 0; i < schema.size(); i++) {
        String s = values.text(row[i], schema.field(i).dataType());
        if (s == null) {
          g.writeNumber(options.nullValue);
        } else {
          g.writeString(s);
        }
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return w.toString();
  }
}
