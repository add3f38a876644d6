package dev.sluice.exec.ops;

import dev.sluice.exec.eval.Evaluator;
import dev.sluice.exec.eval.ExpressionCompiler;
import dev.sluice.exec.ExecContext;
import dev.sluice.exec.Partitioning;
import dev.sluice.exec.PhysicalPlan;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Generator;
import dev.sluice.vector.ColumnBatch;
import dev.sluice.vector.ColumnVector;
import dev.sluice.vector.VectorBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Runs a {@link Generator} over each input batch (see {@link dev.sluice.plan.logical.Generate}). The
 * generator's input is evaluated once per batch as a column; the generated columns are built while
 * walking it, together with the index of the input row each output row comes from, and the kept
 * input columns are then gathered by those indexes, column by column.
 */
public final class GenerateExec extends PhysicalPlan {
  private final Generator generator;
  private final Evaluator input;
  private final List<Evaluator> kept;
  private final List<AttributeReference> output;
  private final PhysicalPlan child;

  public GenerateExec(Generator generator, List<AttributeReference> requiredChildOutput,
      List<AttributeReference> generatorOutput, PhysicalPlan child) {
    this.generator = generator;
    this.child = child;
    this.input = ExpressionCompiler.bind(generator.child(), child.output());
    this.kept = ExpressionCompiler.bindAll(requiredChildOutput, child.output());
    List<AttributeReference> out = new ArrayList<>(requiredChildOutput);
    out.addAll(generatorOutput);
    this.output = List.copyOf(out);
  }

  @Override
  public List<PhysicalPlan> children() {
    return List.of(child);
  }

  @Override
  public List<AttributeReference> output() {
    return output;
  }

  @Override
  public int numPartitions() {
    return child.numPartitions();
  }

  @Override
  public Iterator<ColumnBatch> execute(int partition, ExecContext ctx) {
    Iterator<ColumnBatch> in = child.execute(partition, ctx);
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return in.hasNext();
      }

      @Override
      public ColumnBatch next() {
        if (!in.hasNext()) {
          throw new NoSuchElementException();
        }
        return generate(in.next());
      }
    };
  }

  private ColumnBatch generate(ColumnBatch batch) {
    int n = batch.numRows();
    ColumnVector values = input.eval(batch);
    int width = generator.elementSchema().size();
    VectorBuilder[] generated = new VectorBuilder[width];
    for (int i = 0; i < width; i++) {
      generated[i] = VectorBuilder.create(output.get(kept.size() + i).dataType(), n);
    }
    int[] from = new int[Math.max(n, 16)];
    int rows = 0;
    for (int r = 0; r < n; r++) {
      Object v = values.isNull(r) ? null : values.get(r);
      int made = generate(generator.kind(), v, generated);
      if (made == 0 && generator.outer()) {
        for (VectorBuilder b : generated) {
          b.appendNull();
        }
        made = 1;
      }
      if (rows + made > from.length) {
        from = Arrays.copyOf(from, Math.max(from.length * 2, rows + made));
      }
      Arrays.fill(from, rows, rows + made, r);
      rows += made;
    }
    ColumnVector[] cols = new ColumnVector[output.size()];
    for (int i = 0; i < kept.size(); i++) {
      cols[i] = kept.get(i).eval(batch).gather(from, rows);
    }
    for (int i = 0; i < width; i++) {
      cols[kept.size() + i] = generated[i].build();
    }
    return new ColumnBatch(cols, rows);
  }

  /**
   * Appends the rows generated from one input value (the evaluated {@link Generator#child()}, internal
   * representation) to {@code out}, one builder per {@link Generator#elementSchema()} column, and returns how
   * many rows it appended. Null input generates nothing; the {@code _outer} handling is the caller's.
   */
  private static int generate(Generator.Kind kind, Object value, VectorBuilder[] out) {
    if (value == null) {
      return 0;
    }
    boolean pos = kind == Generator.Kind.POSEXPLODE;
    int first = pos ? 1 : 0;
    if (value instanceof List<?> list) {
      int n = list.size();
      for (int i = 0; i < n; i++) {
        Object e = list.get(i);
        if (pos) {
          out[0].append(i);
        }
        if (kind == Generator.Kind.INLINE) {
          Object[] fields = (Object[]) e;
          for (int f = 0; f < out.length; f++) {
            if (fields == null || fields[f] == null) {
              out[f].appendNull();
            } else {
              out[f].append(fields[f]);
            }
          }
        } else if (e == null) {
          out[first].appendNull();
        } else {
          out[first].append(e);
        }
      }
      return n;
    }
    Map<?, ?> map = (Map<?, ?>) value;
    int i = 0;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (pos) {
        out[0].append(i);
      }
      out[first].append(e.getKey());
      if (e.getValue() == null) {
        out[first + 1].appendNull();
      } else {
        out[first + 1].append(e.getValue());
      }
      i++;
    }
    return i;
  }
  @Override
  public Partitioning outputPartitioning() {
    return childPartitioning(child);
  }

  @Override
  public String simpleString() {
    return "Generate " + generator.sql() + ", " + output;
  }
}
