package dev.sluice.sql;

import static dev.sluice.sql.Trees.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.Unresolved;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.Project;
import dev.sluice.plan.logical.UnresolvedRelation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which keywords may be names: every keyword is in exactly one group, and each group behaves as documented. */
class SqlParserKeywordsTest {

  private static IntervalSet group(int rule) {
    ATN atn = SqlBaseParser._ATN;
    return atn.nextTokens(atn.ruleToStartState[rule]);
  }

  private static final IntervalSet NON_RESERVED = group(SqlBaseParser.RULE_nonReserved);
  private static final IntervalSet STRICT_NON_RESERVED = group(SqlBaseParser.RULE_strictNonReserved);
  private static final IntervalSet RESERVED = group(SqlBaseParser.RULE_reserved);

  /** The keyword tokens of the lexer: those whose literal name is a word. */
  private static List<String> keywords() {
    List<String> out = new ArrayList<>();
    for (int t = 1; t <= SqlBaseLexer.VOCABULARY.getMaxTokenType(); t++) {
      String literal = SqlBaseLexer.VOCABULARY.getLiteralName(t);
      String symbolic = SqlBaseLexer.VOCABULARY.getSymbolicName(t);
      if (literal != null && literal.matches("'[A-Z_]+'") || t == SqlBaseLexer.NOT) {
        out.add(literal != null ? literal.substring(1, literal.length() - 1) : symbolic);
      }
    }
    return out;
  }

  private static int type(String keyword) {
    for (int t = 1; t <= SqlBaseLexer.VOCABULARY.getMaxTokenType(); t++) {
      String literal = SqlBaseLexer.VOCABULARY.getLiteralName(t);
      if (("'" + keyword + "'").equals(literal) || keyword.equals(SqlBaseLexer.VOCABULARY.getSymbolicName(t))) {
        return t;
      }
    }
    throw new IllegalArgumentException(keyword);
  }

  @Test
  void everyKeywordIsInExactlyOneGroup() {
    List<String> keywords = keywords();
    assertThat(keywords).contains("SELECT", "WATERMARK", "LEFT", "NOT");
    for (String k : keywords) {
      int t = type(k);
      int groups = (NON_RESERVED.contains(t) ? 1 : 0) + (STRICT_NON_RESERVED.contains(t) ? 1 : 0)
          + (RESERVED.contains(t) ? 1 : 0);
      assertThat(groups).as(k + " must be in exactly one of nonReserved, strictNonReserved, reserved").isEqualTo(1);
    }
  }

  @Test
  void nonReservedKeywordsAreColumnsTablesAndBareAliases() {
    for (String k : keywords()) {
      if (!NON_RESERVED.contains(type(k))) {
        continue;
      }
      String lower = k.toLowerCase(Locale.ROOT);
      Project p = (Project) SqlParser.parseQuery("SELECT " + lower + ", x " + lower + ", " + lower + "." + lower
          + " FROM " + lower + " " + lower);
      assertThat(p.projectList().get(0)).as(k).isEqualTo(col(lower));
      assertThat(((Alias) p.projectList().get(1)).name()).as(k).isEqualTo(lower);
      assertThat(p.projectList().get(2)).as(k).isEqualTo(col(lower, lower));
    }
  }

  @Test
  void strictNonReservedKeywordsAreNamesButNotBareAliases() {
    for (String k : keywords()) {
      if (!STRICT_NON_RESERVED.contains(type(k))) {
        continue;
      }
      String lower = k.toLowerCase(Locale.ROOT);
      Project p = (Project) SqlParser.parseQuery("SELECT " + lower + ".id, x AS " + lower + ", " + lower
          + "(1) FROM " + lower);
      assertThat(p.projectList().get(0)).as(k).isEqualTo(col(lower, "id"));
      assertThat(((Alias) p.projectList().get(1)).name()).as(k).isEqualTo(lower);
      assertThat(p.child()).as(k).isEqualTo(new UnresolvedRelation(List.of(lower), false));
    }
  }

  @Test
  void reservedKeywordsWorkAfterADotAndInBackticks() {
    for (String k : keywords()) {
      if (!RESERVED.contains(type(k))) {
        continue;
      }
      String lower = k.toLowerCase(Locale.ROOT);
      Project p = (Project) SqlParser.parseQuery("SELECT t." + lower + ", `" + lower + "` FROM `" + lower + "` t");
      assertThat(p.projectList().get(0)).as(k).isEqualTo(col("t", lower));
      assertThat(p.projectList().get(1)).as(k).isEqualTo(col(lower));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"window", "key", "value", "timestamp", "date", "user", "left", "right", "year", "month",
      "day", "hour", "minute", "second", "first", "last", "filter", "count", "type", "comment", "data", "events",
      "interval", "stream", "watermark", "map", "array", "struct", "time", "position", "values", "range", "rows"})
  void commonColumnNamesParseAsColumns(String name) {
    LogicalPlan plan = SqlParser.parseQuery("SELECT " + name + " FROM t WHERE " + name + " IS NOT NULL GROUP BY "
        + name + " ORDER BY " + name);
    assertThat(plan.toString()).contains("[" + name + "]");
  }

  @Test
  void keywordsAsFunctionNames() {
    for (String f : List.of("left", "right", "if", "replace", "year", "month", "day", "hour", "minute", "second",
        "date", "timestamp", "array", "map", "struct", "filter", "first", "last", "like", "rlike", "trim",
        "substring", "position", "extract")) {
      Unresolved.Function fn = (Unresolved.Function) SqlParser.parseExpression(f + "(a, b)");
      assertThat(fn.name()).isEqualTo(f);
    }
  }
}
