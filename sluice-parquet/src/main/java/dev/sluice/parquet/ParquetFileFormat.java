package dev.sluice.parquet;

import dev.sluice.conf.Options;
import dev.sluice.connector.SourceFilter;
import dev.sluice.connector.file.CorruptFiles;
import dev.sluice.connector.file.FileBatchIterator;
import dev.sluice.connector.file.FileFormat;
import dev.sluice.connector.file.FormatContext;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.fs.FileStatus;
import dev.sluice.fs.FileSystem;
import dev.sluice.types.StructField;
import dev.sluice.types.StructType;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.VectorBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;

/**
 * Parquet files ({@code format("parquet")}) with parquet-java. Reading projects the file schema to
 * the columns the query uses and skips row groups by their statistics and dictionaries using the
 * filters pushed down; writing uses dictionary encoding and the {@code compression} option
 * ({@code snappy} by default, {@code zstd}, {@code gzip}, {@code lz4_raw}, {@code none}). Other
 * options: {@code parquet.block.size} (row group bytes, default 128 MB), {@code parquet.page.size},
 * {@code parquet.enable.dictionary} (default true).
 */
public final class ParquetFileFormat implements FileFormat {
  private static final Configuration CONF = new Configuration(false);

  @Override
  public String shortName() {
    return "parquet";
  }

  @Override
  public StructType inferSchema(FileSystem fs, List<FileStatus> files, FormatContext ctx) throws IOException {
    for (FileStatus f : files) {
      if (f.length() == 0) {
        continue;
      }
      try (ParquetFileReader r = ParquetFileReader.open(FileSystemFiles.input(fs, f.path(), f.length()),
          HadoopReadOptions.builder(CONF).build())) {
        return ParquetSchemas.toSluice(r.getFooter().getFileMetaData().getSchema());
      } catch (IOException | RuntimeException e) {
        // A corrupt footer fails naming the file, or is passed over under ignoreCorruptFiles.
        CorruptFiles.handle(ctx, f.path(), e);
      }
    }
    return null;
  }

  @Override
  public void checkWriteSchema(StructType schema) {
    ParquetSchemas.checkWritable(schema);
  }

  static CompressionCodecName codec(Options o) {
    String c = o.get("compression", o.get("parquet.compression", "snappy")).trim().toLowerCase(Locale.ROOT);
    return switch (c) {
      case "snappy" -> CompressionCodecName.SNAPPY;
      case "zstd" -> CompressionCodecName.ZSTD;
      case "gzip" -> CompressionCodecName.GZIP;
      case "lz4_raw", "lz4raw" -> CompressionCodecName.LZ4_RAW;
      case "none", "uncompressed" -> CompressionCodecName.UNCOMPRESSED;
      default -> throw new SluiceException(ErrorClass.INVALID_OPTION, "compression", c,
          "Parquet supports snappy, zstd, gzip, lz4_raw and none");
    };
  }

  @Override
  public String extension(FormatContext ctx) {
    CompressionCodecName c = codec(ctx.options());
    return (c == CompressionCodecName.UNCOMPRESSED ? "" : c.getExtension().replace(".lz4raw", ".lz4raw")) + ".parquet";
  }

  /** ParquetWriter's builder for our write support. */
  private static final class Builder extends ParquetWriter.Builder<RowWriteSupport.RowRef, Builder> {
    private final RowWriteSupport support;

    Builder(org.apache.parquet.io.OutputFile file, RowWriteSupport support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<RowWriteSupport.RowRef> getWriteSupport(Configuration conf) {
      return support;
    }
  }

  @Override
  public OutputWriter createWriter(FileSystem fs, String path, StructType schema, FormatContext ctx)
      throws IOException {
    checkWriteSchema(schema);
    Options o = ctx.options();
    ParquetWriter<RowWriteSupport.RowRef> w = new Builder(FileSystemFiles.output(fs, path), new RowWriteSupport(schema))
        .withConf(CONF)
        .withWriteMode(ParquetFileWriter.Mode.CREATE)
        .withCompressionCodec(codec(o))
        .withDictionaryEncoding(o.getBoolean("parquet.enable.dictionary", true))
        .withRowGroupSize(o.getLong("parquet.block.size", 128L << 20))
        .withPageSize(o.getInt("parquet.page.size", 1 << 20))
        .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_1_0)
        .build();
    RowWriteSupport.RowRef ref = new RowWriteSupport.RowRef();
    return new OutputWriter() {
      @Override
      public void write(ColumnBatch batch, int row) throws IOException {
        ref.batch = batch;
        ref.row = row;
        w.write(ref);
      }

      @Override
      public void close() throws IOException {
        w.close();
      }
    };
  }

  @Override
  public Iterator<ColumnBatch> read(FileSystem fs, FileStatus file, StructType dataSchema, StructType required,
      List<SourceFilter> filters, FormatContext ctx) throws IOException {
    ParquetFileReader r = ParquetFileReader.open(FileSystemFiles.input(fs, file.path(), file.length()),
        HadoopReadOptions.builder(CONF).build());
    MessageType fileSchema = r.getFooter().getFileMetaData().getSchema();
    FilterPredicate pred = ParquetFilters.of(filters, fileSchema);
    if (pred != null) {
      // Reopen with the filter: the reader drops row groups whose statistics or dictionaries rule it out.
      r.close();
      ParquetReadOptions opts = HadoopReadOptions.builder(CONF).withRecordFilter(FilterCompat.get(pred))
          .useStatsFilter(true).useDictionaryFilter(true).useRecordFilter(false).useColumnIndexFilter(false)
          .useBloomFilter(true).build();
      r = ParquetFileReader.open(FileSystemFiles.input(fs, file.path(), file.length()), opts);
    }
    checkReadable(fileSchema, required, file.path(), r);
    MessageType requested = ParquetSchemas.project(fileSchema, required);
    r.setRequestedSchema(requested);
    return new BatchIterator(r, fileSchema, requested, required, ctx.batchSize(), file.path());
  }

  /** Reads row group after row group, emitting batches of at most batchSize rows. */
  private static final class BatchIterator implements FileBatchIterator {
    private final ParquetFileReader reader;
    private final MessageType fileSchema;
    private final MessageType requested;
    private final StructType required;
    private final int batchSize;
    private final String path;
    private final boolean noColumns;
    private VectorBuilder[] builders;
    private Converters.RowConverter root;
    private RecordReader<Object> records;
    private long leftInGroup;
    private boolean closed;
    private ColumnBatch next;

    BatchIterator(ParquetFileReader reader, MessageType fileSchema, MessageType requested, StructType required,
        int batchSize, String path) {
      this.reader = reader;
      this.fileSchema = fileSchema;
      this.requested = requested;
      this.required = required;
      this.batchSize = Math.max(1, batchSize);
      this.path = path;
      this.noColumns = requested.getFieldCount() == 0;
    }

    private void newBuilders() {
      builders = new VectorBuilder[required.size()];
      for (int i = 0; i < builders.length; i++) {
        builders[i] = VectorBuilder.create(required.field(i).dataType(), Math.min(batchSize, 1024));
      }
      if (!noColumns) {
        if (root == null) {
          root = new Converters.RowConverter(requested, required);
        }
        root.setBuilders(builders);
      }
    }

    @Override
    public boolean hasNext() {
      if (next == null && !closed) {
        try {
          next = fill();
        } catch (IOException e) {
          close();
          throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
          close();
          throw e;
        }
      }
      return next != null;
    }

    @Override
    public ColumnBatch next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      ColumnBatch b = next;
      next = null;
      return b;
    }

    private boolean nextGroup() throws IOException {
      PageReadStore pages = reader.readNextRowGroup();
      if (pages == null) {
        return false;
      }
      leftInGroup = pages.getRowCount();
      if (!noColumns) {
        MessageColumnIO io = new ColumnIOFactory().getColumnIO(requested, fileSchema);
        RowMaterializer m = new RowMaterializer();
        records = io.getRecordReader(pages, m, FilterCompat.NOOP);
      }
      return true;
    }

    private final class RowMaterializer extends RecordMaterializer<Object> {
      @Override
      public Object getCurrentRecord() {
        return null;
      }

      @Override
      public GroupConverter getRootConverter() {
        return new GroupConverter() {
          @Override
          public org.apache.parquet.io.api.Converter getConverter(int fieldIndex) {
            return root.getConverter(fieldIndex);
          }

          @Override
          public void start() {
            root.start();
          }

          @Override
          public void end() {
            root.end();
          }
        };
      }
    }

    private ColumnBatch fill() throws IOException {
      newBuilders();
      int rows = 0;
      while (rows < batchSize) {
        if (leftInGroup == 0 && !nextGroup()) {
          break;
        }
        int n = (int) Math.min(batchSize - rows, leftInGroup);
        if (noColumns) {
          rows += n;
        } else {
          for (int i = 0; i < n; i++) {
            records.read();
          }
          rows += n;
        }
        leftInGroup -= n;
      }
      if (rows == 0) {
        close();
        return null;
      }
      ColumnVector[] cols = new ColumnVector[builders.length];
      for (int i = 0; i < cols.length; i++) {
        cols[i] = builders[i].build();
      }
      return new ColumnBatch(cols, rows);
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        try {
          reader.close();
        } catch (IOException e) {
          throw new UncheckedIOException("closing " + path, e);
        }
      }
    }
  }

  /** Names of the output columns that the file lacks (read as null). */
  /**
   * A column the file stores in a type the query's schema cannot read it as (a table re-created with other
   * types under a view, a user schema that does not fit the files) fails with the column, both types and
   * the file, as Spark's "Parquet column cannot be converted", before any row is read.
   */
  static void checkReadable(MessageType fileSchema, StructType required, String path, ParquetFileReader r)
      throws IOException {
    StructType stored = ParquetSchemas.toSluice(fileSchema);
    for (StructField f : required.fields()) {
      StructField have = null;
      for (StructField s : stored.fields()) {
        if (s.name().equalsIgnoreCase(f.name())) {
          have = s;
          break;
        }
      }
      if (have == null || readable(have.dataType(), f.dataType())) {
        continue;
      }
      r.close();
      throw new SluiceException(ErrorClass.FAILED_READ_FILE, path, "Parquet column cannot be converted: column "
          + f.name() + " is " + have.dataType().sql() + " in the file but " + f.dataType().sql() + " in the schema "
          + "read; read the files with their own schema, or cast the column after reading");
    }
  }

  private static boolean readable(dev.sluice.types.DataType have, dev.sluice.types.DataType want) {
    if (have.equals(want) || nested(have) || nested(want)) {
      return true; // nested types are converted field by field
    }
    if ((have == dev.sluice.types.DataTypes.StringType || have == dev.sluice.types.DataTypes.BinaryType)
        && (want == dev.sluice.types.DataTypes.StringType || want == dev.sluice.types.DataTypes.BinaryType)) {
      return true;
    }
    dev.sluice.types.DataType i = dev.sluice.types.DataTypes.IntegerType;
    dev.sluice.types.DataType l = dev.sluice.types.DataTypes.LongType;
    dev.sluice.types.DataType d = dev.sluice.types.DataTypes.DoubleType;
    if (want == l) {
      return have == i;
    }
    if (want == d) {
      return have == i || have == l;
    }
    return have instanceof dev.sluice.types.DecimalType && want instanceof dev.sluice.types.DecimalType;
  }

  private static boolean nested(dev.sluice.types.DataType t) {
    return t instanceof StructType || t instanceof dev.sluice.types.ArrayType || t instanceof dev.sluice.types.MapType;
  }

  static List<String> missingColumns(StructType required, MessageType file) {
    return required.fields().stream().map(StructField::name).filter(n -> ParquetSchemas.find(file, n) == null)
        .toList();
  }
}
