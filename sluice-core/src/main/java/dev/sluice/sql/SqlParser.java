package dev.sluice.sql;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.ParseException;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.types.DataType;
import dev.sluice.types.StructType;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Parses Sluice's SQL dialect (Spark SQL's, for what both support) into unresolved plans,
 * expressions, types and statements. The grammar is {@code SqlBaseLexer.g4} / {@code SqlBaseParser.g4}.
 *
 * <p>All methods are static and thread-safe. Every syntax error is a {@link ParseException} with the
 * line (1-based) and position in the line (0-based, as Spark reports it) of the offending token and a
 * detail saying what was expected, e.g. {@code expected ')' but found 'FROM'}; nothing is printed.
 * Plans are unresolved: names are looked up later by the analyzer.
 */
public final class SqlParser {
  private SqlParser() {}

  /** One query ({@code SELECT}, {@code WITH}, {@code VALUES}, set operations); a trailing {@code ;} is allowed. */
  public static LogicalPlan parseQuery(String sql) {
    return parse(sql, p -> new AstBuilder().query(p.singleQuery().query()));
  }

  /**
   * One expression, optionally aliased ({@code a + 1 AS b} gives an {@link dev.sluice.plan.expr.Alias}),
   * as {@code selectExpr}, {@code expr()} and {@code filter(String)} need. An unaliased expression
   * is returned as is (no auto alias).
   */
  public static Expression parseExpression(String text) {
    return parse(text, p -> new AstBuilder().namedExpression(p.singleExpression().namedExpression()));
  }

  /** A data type: {@code INT}, {@code DECIMAL(10,2)}, {@code ARRAY<STRING>}, {@code STRUCT<a: INT>}, ... */
  public static DataType parseDataType(String text) {
    return parse(text, p -> new AstBuilder().dataType(p.singleDataType().dataType()));
  }

  /**
   * A DDL column list: {@code id INT, name STRING NOT NULL, m MAP<STRING,INT>} (empty text is an
   * empty schema). Like Spark's {@code StructType.fromDDL}, a struct type {@code STRUCT<id: INT>}
   * is accepted too.
   */
  public static StructType parseSchema(String ddl) {
    StructType simple = SimpleDdl.schema(Objects.requireNonNull(ddl, "DDL text"));
    return simple != null ? simple : parseSchemaWithGrammar(ddl);
  }

  /**
   * A schema argument of {@code from_json}, {@code from_csv} and the like: a DDL column list, or else a
   * data type; INVALID_SCHEMA (with the column-list error) when it is neither.
   */
  public static DataType parseSchemaOrType(String ddl) {
    try {
      return parseSchema(ddl);
    } catch (RuntimeException first) {
      try {
        return parseDataType(ddl);
      } catch (RuntimeException second) {
        throw new AnalysisException(ErrorClass.INVALID_SCHEMA, "'" + ddl + "'", first.getMessage());
      }
    }
  }

  /** {@link #parseSchema} without the fast path for simple column lists. */
  static StructType parseSchemaWithGrammar(String ddl) {
    try {
      return parse(ddl, p -> {
        SqlBaseParser.ColTypeListContext columns = p.singleTableSchema().colTypeList();
        return columns == null ? new StructType() : new AstBuilder().schema(columns);
      });
    } catch (ParseException e) {
      try {
        if (parseDataType(ddl) instanceof StructType struct) {
          return struct;
        }
      } catch (ParseException ignored) {
        // report the error of the column list, the usual form
      }
      throw e;
    }
  }

  /** A table or column name with parts separated by dots: {@code db.t}, {@code `a.b`.c}. */
  public static List<String> parseMultipartIdentifier(String text) {
    return parse(text, p -> AstBuilder.nameParts(p.singleMultipartIdentifier().multipartIdentifier()));
  }

  /** One statement; a trailing {@code ;} is allowed. */
  public static Statement parseStatement(String sql) {
    return parse(sql, p -> new AstBuilder().statement(p.singleStatement().statement()));
  }

  /** A script of statements separated by semicolons (empty statements are skipped). */
  public static List<Statement> parseStatements(String script) {
    return parse(script, p -> new AstBuilder().statements(p.statements()));
  }

  /**
   * Parses in two stages, as Spark does: the fast SLL mode first, and on failure the full LL mode,
   * which either succeeds (SLL can fail on valid input) or reports the error precisely.
   */
  private static <T> T parse(String text, Function<SqlBaseParser, T> build) {
    Objects.requireNonNull(text, "SQL text");
    SqlBaseLexer lexer = new SqlBaseLexer(CharStreams.fromString(text));
    lexer.removeErrorListeners();
    lexer.addErrorListener(ParserErrors.ThrowingListener.INSTANCE);
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    tokens.fill();
    if (lexer.unclosedComment != null) {
      throw new ParseException("'/*'", lexer.unclosedComment[0], lexer.unclosedComment[1],
          "the comment starting here is not closed with '*/'");
    }
    SqlBaseParser parser = new SqlBaseParser(tokens);
    parser.removeErrorListeners();
    parser.addErrorListener(ParserErrors.ThrowingListener.INSTANCE);
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    parser.setErrorHandler(new ParserErrors.Bail());
    try {
      return build.apply(parser);
    } catch (ParseCancellationException e) {
      tokens.seek(0);
      parser.reset();
      parser.getInterpreter().setPredictionMode(PredictionMode.LL);
      parser.setErrorHandler(new ParserErrors.Strategy());
      return build.apply(parser);
    }
  }
}
