package dev.sluice.connector.builtin;

import dev.sluice.types.DataType;
import dev.sluice.types.StructType;
import dev.sluice.types.ValueFormat;
import dev.sluice.vector.ColumnBatch;
import java.util.ArrayList;
import java.util.List;

/** Renders rows as the ASCII table Spark's {@code show()} and console sink print. */
public final class TableFormatter {
  private TableFormatter() {}

  /**
   * Formats internal rows; {@code truncate} > 0 cuts cells to that width (with "...") and aligns them
   * right, 0 keeps them whole and aligns them left.
   */
  public static String format(StructType schema, List<Object[]> rows, int truncate) {
    int cols = schema.size();
    List<String[]> cells = new ArrayList<>();
    String[] header = schema.fieldNames();
    cells.add(header);
    for (Object[] r : rows) {
      String[] line = new String[cols];
      for (int c = 0; c < cols; c++) {
        line[c] = cell(r[c], schema.field(c).dataType(), truncate);
      }
      cells.add(line);
    }
    int[] width = new int[cols];
    for (String[] line : cells) {
      for (int c = 0; c < cols; c++) {
        width[c] = Math.max(Math.max(width[c], 3), line[c].length());
      }
    }
    StringBuilder sep = new StringBuilder("+");
    for (int w : width) {
      sep.append("-".repeat(w)).append('+');
    }
    StringBuilder sb = new StringBuilder();
    sb.append(sep).append('\n');
    for (int i = 0; i < cells.size(); i++) {
      String[] line = cells.get(i);
      sb.append('|');
      for (int c = 0; c < cols; c++) {
        String v = line[c];
        String pad = " ".repeat(width[c] - v.length());
        // As Spark's showString: right-aligned when truncating, left-aligned with truncate off.
        sb.append(truncate > 0 ? pad + v : v + pad).append('|');
      }
      sb.append('\n');
      if (i == 0) {
        sb.append(sep).append('\n');
      }
    }
    sb.append(sep).append('\n');
    return sb.toString();
  }

  public static String cell(Object v, DataType t, int truncate) {
    String s = v == null ? "NULL" : ValueFormat.toStringValue(v, t);
    if (truncate > 0 && s.length() > truncate) {
      s = truncate < 4 ? s.substring(0, truncate) : s.substring(0, truncate - 3) + "...";
    }
    return s;
  }

  public static List<Object[]> rows(List<ColumnBatch> batches, int limit) {
    List<Object[]> out = new ArrayList<>();
    for (ColumnBatch b : batches) {
      for (int i = 0; i < b.numRows() && out.size() < limit; i++) {
        out.add(b.row(i));
      }
    }
    return out;
  }
}
