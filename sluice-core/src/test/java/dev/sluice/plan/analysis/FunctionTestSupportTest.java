package dev.sluice.plan.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.types.Row;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The other paths of {@link FunctionTestSupport#eval} really run: an unfolded multi-row batch, and mixed-NULL vectors. */
class FunctionTestSupportTest extends FunctionTestSupport {

  @Test
  void theUnfoldedSessionLeavesConstantExpressionsForTheBatchToEvaluate() {
    String q = "SELECT upper('a') || 'b' FROM unfolded_input";
    assertThat(unfolded.sql(q).explainString(false)).doesNotContain("[Ab AS").contains("LocalScan");
    assertThat(unfolded.sql(q).collectAsList()).containsExactly(Row.of("Ab"), Row.of("Ab"), Row.of("Ab"));
    session.createDataFrame(List.of(Row.of(1)), "x INT").createOrReplaceTempView("one");
    assertThat(session.sql("SELECT upper('a') || 'b' FROM one").explainString(false)).contains("[Ab AS");
    assertThat(eval("upper('a') || 'b'")).isEqualTo("Ab");
  }

  @Test
  void aLoneScalarExpressionAlsoRunsOnMixedNullVectors() {
    int before = mixedNullChecks;
    assertThat(eval("concat('a', upper('b'))")).isEqualTo("aB");
    assertThat(mixedNullChecks).isEqualTo(before + 1);
    assertThat(eval("1 + 2")).isEqualTo(3); // still one check per expression
    assertThat(mixedNullChecks).isEqualTo(before + 2);
  }
}
