package dev.sluice.functions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.plan.analysis.FunctionDocs;
import dev.sluice.plan.analysis.FunctionRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/functions.md is generated from the function specs and must match them; run with
 * {@code -Dsluice.regenerateDocs=true} to rewrite it.
 */
class FunctionReferenceTest {
  private static final Path DOC = Path.of("..", "docs", "functions.md");

  @Test
  void theReferenceIsGeneratedFromTheSpecs() throws IOException {
    String generated = FunctionDocs.markdown(FunctionRegistry.builtin());
    if (Boolean.getBoolean("sluice.regenerateDocs")) {
      Files.writeString(DOC, generated, StandardCharsets.UTF_8);
    }
    assertThat(Files.exists(DOC)).as(DOC.toAbsolutePath() + " exists").isTrue();
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
        .as("docs/functions.md is stale: mvn -q -B -pl sluice-core test -Dtest=FunctionReferenceTest "
            + "-Dsluice.regenerateDocs=true")
        .isEqualTo(generated);
  }
}
