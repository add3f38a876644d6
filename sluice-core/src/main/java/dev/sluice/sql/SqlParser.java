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
import java.util.function.Supplier;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
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
    return parse(sql, SqlBaseParser::singleQuery, c -> new AstBuilder().query(c.query()));
  }

  /**
   * One expression, optionally aliased ({@code a + 1 AS b} gives an {@link dev.sluice.plan.expr.Alias}),
   * as {@code selectExpr}, {@code expr()} and {@code filter(String)} need. An unaliased expression
   * is returned as is (no auto alias).
   */
  public static Expression parseExpression(String text) {
    return parse(text, SqlBaseParser::singleExpression, c -> new AstBuilder().namedExpression(c.namedExpression()));
  }

  /** A data type: {@code INT}, {@code DECIMAL(10,2)}, {@code ARRAY<STRING>}, {@code STRUCT<a: INT>}, ... */
  public static DataType parseDataType(String text) {
    return parse(text, SqlBaseParser::singleDataType, c -> new AstBuilder().dataType(c.dataType()));
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
      if (NestingDepth.isNestingError(first)) {
        throw first;
      }
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
      return parse(ddl, SqlBaseParser::singleTableSchema, c -> {
        SqlBaseParser.ColTypeListContext columns = c.colTypeList();
        return columns == null ? new StructType() : new AstBuilder().schema(columns);
      });
    } catch (ParseException e) {
      if (NestingDepth.isNestingError(e)) {
        throw e;
      }
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
    return parse(text, SqlBaseParser::singleMultipartIdentifier, c -> AstBuilder.nameParts(c.multipartIdentifier()));
  }

  /** One statement; a trailing {@code ;} is allowed. */
  public static Statement parseStatement(String sql) {
    return parse(sql, SqlBaseParser::singleStatement, c -> new AstBuilder().statement(c.statement()));
  }

  /** A script of statements separated by semicolons (empty statements are skipped). */
  public static List<Statement> parseStatements(String script) {
    return parse(script, SqlBaseParser::statements, c -> new AstBuilder().statements(c));
  }

  /**
   * The deepest expression nesting a SQL text may have: parentheses, CASE, NOT and other prefix
   * operators, function calls, operator chains ({@code a + b + c}: one level per operator; AND/OR
   * chains are balanced and count as their logarithm), subscripts, and nested types in DDL. Deeper
   * text is refused with a ParseException naming this limit, so that neither the parser nor the
   * analyzer, optimizer or executor can overflow the stack.
   */
  public static final int MAX_NESTING_DEPTH = 1000;

  /**
   * Above this estimated depth the parser and the AST builder (both recursive descent) run on a
   * thread of their own with a large stack, so that a caller's small stack does not limit them.
   */
  private static final int DEEP_PARSE = 64;

  private static final long PARSER_STACK_BYTES = 512L << 20;

  /**
   * Parses in two stages, as Spark does: the fast SLL mode first, and on failure the full LL mode,
   * which either succeeds (SLL can fail on valid input) or reports the error precisely. Text nested
   * more deeply than {@link #MAX_NESTING_DEPTH} is refused, from the tokens before parsing and from
   * the parse tree before building.
   */
  private static <C extends ParserRuleContext, T> T parse(String text, Function<SqlBaseParser, C> rule,
      Function<C, T> build) {
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
    int estimate = NestingDepth.ofTokens(tokens.getTokens());
    Supplier<T> work = () -> {
      C tree = parseTree(tokens, rule);
      NestingDepth.checkTree(tree);
      return build.apply(tree);
    };
    return estimate > DEEP_PARSE || tokens.size() > 20_000 ? onLargeStack(work) : work.get();
  }

  private static <C extends ParserRuleContext> C parseTree(CommonTokenStream tokens, Function<SqlBaseParser, C> rule) {
    SqlBaseParser parser = new SqlBaseParser(tokens);
    parser.removeErrorListeners();
    parser.addErrorListener(ParserErrors.ThrowingListener.INSTANCE);
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    parser.setErrorHandler(new ParserErrors.Bail());
    try {
      return rule.apply(parser);
    } catch (ParseCancellationException e) {
      tokens.seek(0);
      parser.reset();
      parser.getInterpreter().setPredictionMode(PredictionMode.LL);
      parser.setErrorHandler(new ParserErrors.Strategy());
      return rule.apply(parser);
    }
  }

  /** Runs {@code work} on a new thread with a large stack, rethrowing what it throws. */
  private static <T> T onLargeStack(Supplier<T> work) {
    Object[] result = new Object[1];
    Throwable[] failure = new Throwable[1];
    Thread t = new Thread(null, () -> {
      try {
        result[0] = work.get();
      } catch (Throwable e) {
        failure[0] = e;
      }
    }, "sluice-parser", PARSER_STACK_BYTES);
    t.setDaemon(true);
    t.start();
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the parse is short; finish it and keep the interrupt for the caller
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure[0] instanceof RuntimeException r) {
      throw r;
    }
    if (failure[0] instanceof Error e) {
      throw e;
    }
    if (failure[0] != null) {
      throw new IllegalStateException(failure[0]);
    }
    @SuppressWarnings("unchecked")
    T r = (T) result[0];
    return r;
  }
}
