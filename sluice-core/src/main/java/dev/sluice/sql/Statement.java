package dev.sluice.sql;

import dev.sluice.plan.expr.Unresolved;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.types.StructType;
import java.util.List;
import java.util.Map;

/**
 * One parsed SQL statement, as {@link SqlParser#parseStatements(String)} returns it. Plans are
 * unresolved. Names of tables and views are their parts joined by dots, with a part quoted in
 * backticks when it is not a plain word ({@code db.t}, {@code json.`/data/in`}); {@link #nameParts}
 * splits such a name again.
 */
public sealed interface Statement {

  /** Splits a statement's table or view name into its parts ({@code a.`b.c`} is two parts). */
  static List<String> nameParts(String name) {
    return Unresolved.Attribute.splitName(name);
  }

  /** A query: {@code SELECT ...}, {@code WITH ... SELECT ...}, {@code VALUES ...}, {@code TABLE t}. */
  record QueryStatement(LogicalPlan plan) implements Statement {}

  /** {@code DESCRIBE [TABLE] t} and {@code DESCRIBE [QUERY] SELECT ...}: the columns of a relation or query. */
  record DescribeRelation(LogicalPlan plan) implements Statement {}

  /**
   * {@code CREATE [OR REPLACE] TABLE [IF NOT EXISTS] name [(col type, ...)] USING format
   * [OPTIONS (key 'value', ...)] [LOCATION 'path']}. {@code schema} is null when no column list is
   * given; {@code LOCATION 'p'} is the option {@code path}. Option keys keep their spelling and order.
   */
  /** {@code asSelect} is the query of CREATE TABLE ... AS SELECT, or null. */
  record CreateTable(String name, StructType schema, String format, Map<String, String> options,
      boolean ifNotExists, boolean orReplace, LogicalPlan asSelect) implements Statement {
    public CreateTable {
      options = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
    }
  }

  /** {@code CREATE [OR REPLACE] [TEMP|TEMPORARY] VIEW name AS query}. */
  record CreateView(String name, LogicalPlan plan, boolean temporary, boolean orReplace) implements Statement {}

  /** {@code INSERT INTO [TABLE] name query}. */
  record InsertInto(String tableName, LogicalPlan query) implements Statement {}

  /**
   * {@code SET key = value}: the key may contain dots (and backticks, which are removed); the value
   * is the rest of the statement, trimmed, without surrounding quotes. {@code SET key} has a null
   * value (show the setting); a bare {@code SET} has a null key and value (show all settings).
   */
  record SetConfig(String key, String value) implements Statement {}

  /** {@code DROP TABLE [IF EXISTS] name}. */
  record DropTable(String name, boolean ifExists) implements Statement {}

  /** {@code DROP VIEW [IF EXISTS] name}. */
  record DropView(String name, boolean ifExists) implements Statement {}

  /**
   * {@code SHOW [USER|SYSTEM|ALL] FUNCTIONS [[LIKE] 'pattern']}: {@code scope} is USER, SYSTEM or ALL;
   * {@code pattern} (or null) is Spark's: {@code *} matches anything, {@code |} separates alternatives.
   */
  record ShowFunctions(String scope, String pattern) implements Statement {}

  /** {@code DESC[RIBE] FUNCTION [EXTENDED] name}. */
  record DescribeFunction(String name, boolean extended) implements Statement {}

  /** {@code EXPLAIN [EXTENDED|FORMATTED] query}. */
  record Explain(LogicalPlan plan, boolean extended) implements Statement {
    public Explain(LogicalPlan plan) {
      this(plan, false);
    }
  }
}
