package dev.sluice.api.internals;

import dev.sluice.conf.SluiceConf;
import dev.sluice.exec.ExecContext;
import dev.sluice.exec.PhysicalPlan;
import dev.sluice.exec.Planner;
import dev.sluice.exec.QueryExecutor;
import dev.sluice.exec.eval.ExpressionCompiler;
import dev.sluice.plan.analysis.Analyzer;
import dev.sluice.plan.analysis.Catalog;
import dev.sluice.plan.analysis.FunctionRegistry;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.plan.expr.CurrentTime;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.ScalarSubquery;
import dev.sluice.plan.expr.SubqueryExpression;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.optimizer.Optimizer;
import dev.sluice.sql.SqlParser;
import dev.sluice.vector.ColumnBatch;
import java.util.List;
import java.util.concurrent.ExecutorService;

/** The life of one batch query: analyzed plan → optimized plan → physical plan → result. */
public final class QueryExecution {
  private final LogicalPlan analyzed;
  private final SluiceConf conf;
  private final ExecutorService pool;
  private LogicalPlan optimized;
  private PhysicalPlan physical;

  public QueryExecution(LogicalPlan analyzed, SluiceConf conf, ExecutorService pool) {
    this.analyzed = analyzed;
    this.conf = conf;
    this.pool = pool;
  }

  /**
   * Resolves a parsed plan. The analyzer gets the two services of higher layers it needs: the DDL
   * parser for schema arguments and the evaluators for constant arguments.
   */
  public static LogicalPlan analyze(LogicalPlan plan, Catalog catalog, SluiceConf conf) {
    return new Analyzer(catalog, FunctionRegistry.builtin(), conf, SqlParser::parseSchemaOrType,
        ExpressionCompiler.CONSTANTS).analyze(plan);
  }

  public static LogicalPlan optimize(LogicalPlan plan, SluiceConf conf) {
    return new Optimizer(Optimizer.defaultBatches(ExpressionCompiler.CONSTANTS),
        conf.get(SluiceConf.OPTIMIZER_EXCLUDED_RULES), conf.get(SluiceConf.PLAN_CHANGE_LOG_LEVEL)).optimize(plan);
  }

  public LogicalPlan analyzed() {
    return analyzed;
  }

  public synchronized LogicalPlan optimized() {
    if (optimized == null) {
      optimized = optimize(analyzed, conf);
    }
    return optimized;
  }

  public synchronized PhysicalPlan physical() {
    if (physical == null) {
      long now = System.currentTimeMillis() * 1000L;
      LogicalPlan p = optimized().transformAllExpressions(e -> e instanceof CurrentTime ct ? ct.at(now)
          : e instanceof SubqueryExpression s ? subqueryValue(s) : null);
      Planner planner = new Planner(conf.shufflePartitions(), conf.executorThreads(), conf.batchSize());
      if (conf.get(SluiceConf.ADAPTIVE_COALESCE)) {
        planner.withCoalescing(new dev.sluice.exec.ops.ExchangeExec.Coalescing(conf.get(SluiceConf.MIN_PARTITION_SIZE),
            conf.get(SluiceConf.ADVISORY_PARTITION_SIZE), conf.executorThreads()));
      }
      physical = planner.plan(p);
    }
    return physical;
  }

  /**
   * An uncorrelated scalar subquery, computed once as the query is planned: its one value, NULL when it
   * returns no row, an error when it returns more. (The optimizer has turned every other subquery into a join.)
   */
  private Literal subqueryValue(SubqueryExpression s) {
    if (!(s instanceof ScalarSubquery) || s.correlated()) {
      throw new SluiceException(ErrorClass.UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY, "UNSUPPORTED_IN_EXISTS_SUBQUERY",
          "the subquery " + s.sql() + " could not be turned into a join here");
    }
    List<List<ColumnBatch>> result = new QueryExecution(s.plan(), conf, pool).execute();
    Object value = null;
    long rows = 0;
    for (List<ColumnBatch> part : result) {
      for (ColumnBatch b : part) {
        if (b.numRows() > 0 && rows == 0) {
          value = b.column(0).get(0);
        }
        rows += b.numRows();
      }
    }
    if (rows > 1) {
      throw new SluiceException(ErrorClass.SCALAR_SUBQUERY_TOO_MANY_ROWS, s.sql() + " returned " + rows
          + " rows; make it return at most one, e.g. with an aggregate or LIMIT 1");
    }
    return new Literal(value, s.dataType());
  }

  /** Runs the query; the result of every partition in order. */
  public List<List<ColumnBatch>> execute() {
    // A fresh physical plan per run: exchanges hold their materialized data.
    synchronized (this) {
      physical = null;
    }
    return QueryExecutor.execute(physical(), new ExecContext(pool, conf));
  }

  public String explain(boolean extended) {
    StringBuilder sb = new StringBuilder();
    if (extended) {
      sb.append("== Analyzed Logical Plan ==\n").append(analyzed.treeString()).append('\n');
      sb.append("== Optimized Logical Plan ==\n").append(optimized().treeString()).append('\n');
    }
    sb.append("== Physical Plan ==\n").append(physical().treeString());
    return sb.toString();
  }
}
