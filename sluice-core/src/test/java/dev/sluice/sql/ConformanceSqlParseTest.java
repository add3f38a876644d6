package dev.sluice.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.plan.logical.LogicalPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every SQL text and schema of the shared Spark conformance cases parses. */
class ConformanceSqlParseTest {
  private static final Path CASES = Path.of("/work/shared/conformance/cases");

  private static List<Path> caseFiles() throws IOException {
    assumeTrue(Files.isDirectory(CASES), "no conformance cases at " + CASES);
    try (Stream<Path> files = Files.list(CASES)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  @Test
  void everyCaseSqlParses() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> failures = new ArrayList<>();
    int parsed = 0;
    for (Path file : caseFiles()) {
      List<String> sqls = new ArrayList<>();
      collect(json.readTree(file.toFile()), "sql", sqls);
      for (String sql : sqls) {
        try {
          LogicalPlan plan = SqlParser.parseQuery(sql);
          assertThat(plan).isNotNull();
          parsed++;
        } catch (RuntimeException e) {
          failures.add(file.getFileName() + ": " + e.getMessage());
        }
      }
    }
    assertThat(failures).isEmpty();
    assertThat(parsed).isPositive();
  }

  @Test
  void everyCaseSchemaParses() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> failures = new ArrayList<>();
    for (Path file : caseFiles()) {
      List<String> schemas = new ArrayList<>();
      collect(json.readTree(file.toFile()), "schema", schemas);
      for (String schema : schemas) {
        try {
          assertThat(SqlParser.parseSchema(schema).size()).isPositive();
        } catch (RuntimeException e) {
          failures.add(file.getFileName() + ": " + e.getMessage());
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  private static void collect(JsonNode node, String field, List<String> out) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        if (e.getKey().equals(field) && e.getValue().isTextual()) {
          out.add(e.getValue().asText());
        } else {
          collect(e.getValue(), field, out);
        }
      });
    } else if (node.isArray()) {
      node.forEach(n -> collect(n, field, out));
    }
  }
}
