package dev.sluice.plan.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.conf.SluiceConf;
import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.exec.eval.ExpressionCompiler;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.ExprId;
import dev.sluice.plan.logical.Aggregate;
import dev.sluice.plan.logical.Generate;
import dev.sluice.plan.logical.Join;
import dev.sluice.plan.logical.LocalRelation;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.Sort;
import dev.sluice.plan.logical.Window;
import dev.sluice.plan.rules.Batch;
import dev.sluice.plan.rules.Rule;
import dev.sluice.sql.SqlParser;
import dev.sluice.types.ArrayType;
import dev.sluice.types.DataTypes;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The analyzer as resolution rules on the rule executor: each rule does its job, they reach a fixed
 * point together (in strict mode, so a rule that never settles fails here), and the errors name what
 * is wrong and what exists.
 */
class AnalyzerTest {
  private static final LocalRelation T = new LocalRelation(List.of(
      AttributeReference.create("a", DataTypes.IntegerType, true),
      AttributeReference.create("b", DataTypes.IntegerType, true),
      AttributeReference.create("s", DataTypes.StringType, true),
      AttributeReference.create("xs", new ArrayType(DataTypes.IntegerType, true), true)), List.of());
  private static final LocalRelation U = new LocalRelation(List.of(
      AttributeReference.create("k", DataTypes.IntegerType, true),
      AttributeReference.create("v", DataTypes.StringType, true)), List.of());

  private static final Catalog CATALOG = new Catalog() {
    @Override
    public LogicalPlan lookupRelation(List<String> nameParts, boolean asStream) {
      return Map.of("t", T, "u", U).get(nameParts.get(nameParts.size() - 1).toLowerCase());
    }

    @Override
    public List<String> relationNames() {
      return List.of("t", "u");
    }
  };

  private static Analyzer analyzer() {
    return new Analyzer(CATALOG, FunctionRegistry.builtin(), new SluiceConf(), SqlParser::parseSchemaOrType,
        ExpressionCompiler.CONSTANTS);
  }

  private static LogicalPlan analyze(String sql) {
    return analyzer().analyze(SqlParser.parseQuery(sql));
  }

  private static AnalysisException error(String sql) {
    try {
      analyze(sql);
    } catch (AnalysisException e) {
      return e;
    }
    throw new AssertionError("expected an analysis error for " + sql);
  }

  @Test
  void theAnalyzerIsNamedRulesOnTheExecutor() {
    List<Batch> batches = Analyzer.batches(CATALOG, new ExpressionResolver(FunctionRegistry.builtin(),
        new SluiceConf(), SqlParser::parseSchemaOrType, ExpressionCompiler.CONSTANTS));
    assertThat(batches).extracting(Batch::name).containsExactly("Resolution");
    assertThat(batches.get(0).rules()).extracting(Rule::name).containsExactly("ResolveRelations",
        "ResolveColumnAliases", "DeduplicateRelations", "ResolveReferences", "ResolveUsingJoins", "ResolveGenerators",
        "ExtractWindowExpressions", "ResolveAggregates", "ResolveTimeWindows", "ResolveWhereAndHaving",
        "ResolveOrderBy", "ResolveUnion", "ResolveSetOperations", "ReplaceDistinct");

    Analyzer analyzer = analyzer();
    LogicalPlan plan = analyzer.analyze(SqlParser.parseQuery("SELECT s, count(*) AS n FROM t WHERE a > 1 GROUP BY s "
        + "HAVING count(*) > 1 ORDER BY n"));
    assertThat(plan.resolved()).isTrue();
    assertThat(analyzer.ruleTimes()).containsKeys("ResolveRelations", "ResolveAggregates", "ResolveWhereAndHaving",
        "ResolveOrderBy");
  }

  @Test
  void eachRuleGivesItsFormAnOperator() {
    assertThat(analyze("SELECT a, explode(xs) AS x FROM t").collect(Generate.class)).hasSize(1);
    assertThat(analyze("SELECT a, row_number() OVER (PARTITION BY b ORDER BY a) AS r FROM t").collect(Window.class))
        .hasSize(1);
    assertThat(analyze("SELECT count(*) FROM t")).isInstanceOf(Aggregate.class);
    assertThat(analyze("SELECT DISTINCT s FROM t")).isInstanceOf(Aggregate.class);
    // ORDER BY a column the SELECT dropped: added below the sort, projected away above it
    LogicalPlan dropped = analyze("SELECT s FROM t ORDER BY a");
    assertThat(dropped).isInstanceOf(Project.class);
    assertThat(dropped.children().get(0)).isInstanceOf(Sort.class);
    assertThat(dropped.output()).extracting(AttributeReference::name).containsExactly("s");
    // USING (after DeduplicateRelations on this self-join): the key once, then the other columns of both sides
    assertThat(analyze("SELECT * FROM t x JOIN t y USING (a)").output()).extracting(AttributeReference::name)
        .containsExactly("a", "b", "s", "xs", "b", "s", "xs");
  }

  @Test
  void aSelfJoinGetsNewIdsOnTheRight() {
    LogicalPlan plan = analyze("SELECT * FROM t x JOIN t y ON x.a = y.a");
    Join join = plan.collect(Join.class).get(0);
    Set<ExprId> left = new HashSet<>();
    join.left().output().forEach(a -> left.add(a.exprId()));
    assertThat(join.right().output()).noneMatch(a -> left.contains(a.exprId()));
    assertThat(plan.output()).hasSize(8);
  }

  @Test
  void errorsNameWhatIsWrongAndWhatExists() {
    AnalysisException col = error("SELECT nope FROM t");
    assertThat(col.errorClass()).isEqualTo(ErrorClass.UNRESOLVED_COLUMN);
    assertThat(col.getMessage()).contains("`nope`").contains("`t`.`a`");
    assertThat(error("SELECT * FROM missing").errorClass()).isEqualTo(ErrorClass.TABLE_OR_VIEW_NOT_FOUND);
    assertThat(error("SELECT a FROM t WHERE count(*) > 1").errorClass()).isEqualTo(ErrorClass.AGGREGATE_IN_WHERE);
    assertThat(error("SELECT a, count(*) FROM t").errorClass()).isEqualTo(ErrorClass.MISSING_AGGREGATION);
    assertThat(error("SELECT explode(xs), count(*) FROM t").errorClass()).isEqualTo(ErrorClass.UNSUPPORTED_GENERATOR);
    assertThat(error("SELECT a FROM t UNION SELECT k, v FROM u").errorClass())
        .isEqualTo(ErrorClass.UNION_COLUMN_MISMATCH);
    assertThat(error("SELECT s FROM t GROUP BY 3").getMessage()).contains("GROUP BY position 3");
  }
}
