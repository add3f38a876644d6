package dev.sluice.connector.file.csv;

import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import dev.sluice.connector.SourceFilter;
import dev.sluice.connector.file.Compression;
import dev.sluice.connector.file.CorruptFiles;
import dev.sluice.connector.file.FileFormat;
import dev.sluice.connector.file.FillingBatchIterator;
import dev.sluice.connector.file.FormatContext;
import dev.sluice.connector.file.LineReader;
import dev.sluice.connector.file.MalformedRecords;
import dev.sluice.connector.file.RowBatcher;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.formats.BadRecordException;
import dev.sluice.formats.csv.CsvOptions;
import dev.sluice.formats.csv.CsvSchemaInference;
import dev.sluice.formats.csv.CsvTokenizer;
import dev.sluice.formats.csv.CsvValues;
import dev.sluice.fs.FileStatus;
import dev.sluice.fs.FileSystem;
import dev.sluice.types.StructType;
import dev.sluice.vector.ColumnBatch;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;

/** CSV files ({@code format("csv")}); see {@link CsvOptions} for the options. */
public final class CsvFileFormat implements FileFormat {
  @Override
  public String shortName() {
    return "csv";
  }

  @Override
  public StructType inferSchema(FileSystem fs, List<FileStatus> files, FormatContext ctx) throws IOException {
    CsvOptions o = new CsvOptions(ctx.options(), ctx.zone());
    CsvSchemaInference inf = new CsvSchemaInference(o);
    CsvTokenizer tok = new CsvTokenizer(o);
    for (FileStatus f : files) {
      boolean first = true;
      try (InputStream in = Compression.wrapInput(fs.open(f.path()), f.path())) {
        if (o.multiLine) {
          tok.open(new InputStreamReader(in, o.charset));
          List<String> rec;
          while ((rec = tok.nextRecord()) != null) {
            if (first && o.header) {
              inf.header(rec);
            } else {
              inf.record(rec);
            }
            first = false;
          }
          tok.close();
          continue;
        }
        LineReader lines = new LineReader(in, o.lineSep, o.charset);
        while (lines.next()) {
          String line = lines.text(o.charset);
          if (skip(line, o)) {
            continue;
          }
          List<String> rec = tok.line(line);
          if (first && o.header) {
            inf.header(rec);
          } else {
            inf.record(rec);
          }
          first = false;
        }
      } catch (IOException | RuntimeException e) {
        CorruptFiles.handle(ctx, f.path(), e);
      }
      if (!o.inferSchema && inf.result() != null) {
        break; // names (and the number of columns) come from the first file
      }
    }
    return inf.result();
  }

  static boolean skip(String line, CsvOptions o) {
    if (line.isEmpty()) {
      return true;
    }
    if (o.comment != null && line.charAt(0) == o.comment) {
      return true;
    }
    return false;
  }

  @Override
  public void checkWriteSchema(StructType schema) {
    String bad = CsvValues.unsupportedColumn(schema);
    if (bad != null) {
      throw new SluiceException(ErrorClass.UNSUPPORTED_FEATURE, "the CSV data source does not support the column "
          + bad + "; write it as JSON or Parquet, or convert it with to_json first");
    }
  }

  @Override
  public Iterator<ColumnBatch> read(FileSystem fs, FileStatus file, StructType dataSchema, StructType required,
      List<SourceFilter> filters, FormatContext ctx) throws IOException {
    CsvOptions o = new CsvOptions(ctx.options(), ctx.zone());
    checkWriteSchema(required);
    int corrupt = required.indexOf(o.corruptColumn);
    int dataCorrupt = dataSchema.indexOf(o.corruptColumn);
    int dataWidth = dataSchema.size() - (dataCorrupt >= 0 ? 1 : 0);
    int[] positions = new int[required.size()];
    for (int i = 0; i < positions.length; i++) {
      if (i == corrupt) {
        positions[i] = -1;
        continue;
      }
      int p = dataSchema.indexOf(required.field(i).name());
      positions[i] = dataCorrupt >= 0 && p > dataCorrupt ? p - 1 : p;
    }
    CsvValues values = new CsvValues(o);
    CsvTokenizer tok = new CsvTokenizer(o);
    MalformedRecords bad = new MalformedRecords(o.mode, corrupt, required.size(), file.path());
    InputStream in = Compression.wrapInput(fs.open(file.path()), file.path());
    LineReader lines = o.multiLine ? null : new LineReader(in, o.lineSep, o.charset);
    if (o.multiLine) {
      tok.open(new InputStreamReader(in, o.charset));
    }
    return new FillingBatchIterator() {
      private final RowBatcher out = new RowBatcher(required, ctx.batchSize());
      private boolean first = true;

      @Override
      protected ColumnBatch fill() {
        try {
          while (!out.isFull()) {
            List<String> rec;
            String raw;
            long lineNo;
            if (lines != null) {
              if (!lines.next()) {
                break;
              }
              raw = lines.text(o.charset);
              if (skip(raw, o)) {
                continue;
              }
              lineNo = lines.lineNumber();
              try {
                rec = tok.line(raw);
              } catch (IOException e) {
                Object[] r = bad.handle(new BadRecordException("invalid CSV: " + e.getMessage(), null), raw, lineNo);
                if (r != null) {
                  out.add(r);
                }
                continue;
              }
            } else {
              rec = tok.nextRecord();
              if (rec == null) {
                break;
              }
              lineNo = tok.streamLine();
              raw = String.join(String.valueOf(o.sep), rec.stream().map(s -> s == null ? "" : s).toList());
            }
            if (first) {
              first = false;
              if (o.header) {
                continue;
              }
            }
            try {
              out.add(values.convert(rec, required, positions, dataWidth));
            } catch (BadRecordException e) {
              Object[] r = bad.handle(e, raw, lineNo);
              if (r != null) {
                out.add(r);
              }
            }
          }
          if (out.size() == 0) {
            close();
            return null;
          }
          return out.flush();
        } catch (IOException e) {
          close();
          throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
          close();
          throw e;
        }
      }

      @Override
      public void close() {
        finish();
        try {
          if (lines != null) {
            lines.close();
          } else {
            tok.close();
            in.close();
          }
        } catch (IOException ignored) {
          // nothing more to read
        }
      }
    };
  }

  @Override
  public String extension(FormatContext ctx) {
    return ".csv" + Compression.extension(Compression.codec(ctx.options()));
  }

  @Override
  public OutputWriter createWriter(FileSystem fs, String path, StructType schema, FormatContext ctx)
      throws IOException {
    checkWriteSchema(schema);
    CsvOptions o = new CsvOptions(ctx.options(), ctx.zone());
    CsvValues values = new CsvValues(o);
    OutputStreamWriter w = new OutputStreamWriter(new BufferedOutputStream(
        Compression.wrapOutput(fs.create(path, false), Compression.codec(ctx.options())), 1 << 16), o.charset);
    CsvGenerator g = (CsvGenerator) o.factory.createGenerator(w);
    g.setSchema(o.schema);
    if (o.header) {
      g.writeStartArray();
      for (int i = 0; i < schema.size(); i++) {
        g.writeString(schema.field(i).name());
      }
      g.writeEndArray();
    }
    return new OutputWriter() {
      @Override
      public void write(ColumnBatch batch, int row) throws IOException {
        g.writeStartArray();
        for (int c = 0; c < schema.size(); c++) {
          String s = values.text(batch.column(c).get(row), schema.field(c).dataType());
          if (s == null) {
            g.writeNumber(o.nullValue); // written as is, unquoted (writeNull would drop the column)
          } else {
            g.writeString(s);
          }
        }
        g.writeEndArray();
      }

      @Override
      public void close() throws IOException {
        g.close();
      }
    };
  }
}
