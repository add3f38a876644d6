package dev.sluice.plan.analysis;

import dev.sluice.types.DataType;

/**
 * Reads a schema or type written in DDL ({@code 'a INT, b STRING'}, {@code 'ARRAY<INT>'}) for the
 * functions that take one as an argument ({@code from_json}, {@code from_csv}, ...). The SQL layer
 * provides it; the analyzer only passes it to the function builders, so plan does not know the parser.
 */
@FunctionalInterface
public interface DdlParser {
  /** The schema, or else the data type, that {@code ddl} writes; an AnalysisException if it is neither. */
  DataType parseSchemaOrType(String ddl);
}
