package dev.sluice.sql;

import dev.sluice.errors.ParseException;
import java.util.ArrayDeque;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ParseTree;

/**
 * How deeply a SQL text nests, measured without recursion so that measuring cannot overflow the stack
 * it protects: first estimated from the tokens (before the recursive-descent parser runs), then
 * counted on the parse tree (before the recursive AST builder runs). Both refuse text deeper than
 * {@link SqlParser#MAX_NESTING_DEPTH} with a ParseException at the token where the limit is crossed.
 */
final class NestingDepth {
  static final String DETAIL = "expression nesting exceeds " + SqlParser.MAX_NESTING_DEPTH
      + " levels; simplify the query (fewer nested parentheses, CASE, NOT, function calls, operators or types,"
      + " or compute parts in separate steps)";

  private NestingDepth() {}

  /** Whether {@code e} is the refusal of this class. */
  static boolean isNestingError(RuntimeException e) {
    return e instanceof ParseException && e.getMessage() != null && e.getMessage().contains(DETAIL);
  }

  /**
   * The nesting the tokens imply: open parentheses and brackets, open CASEs, open {@code <} of
   * ARRAY/MAP/STRUCT types, plus the current run of prefix operators (NOT, unary minus, ...).
   * Throws when it exceeds the limit.
   */
  static int ofTokens(List<Token> tokens) {
    int brackets = 0;
    int cases = 0;
    int types = 0;
    int prefixRun = 0;
    int max = 0;
    int prev = -1;
    for (Token t : tokens) {
      int type = t.getType();
      switch (type) {
        case SqlBaseLexer.LEFT_PAREN, SqlBaseLexer.LEFT_BRACKET -> brackets++;
        case SqlBaseLexer.RIGHT_PAREN, SqlBaseLexer.RIGHT_BRACKET -> brackets = Math.max(0, brackets - 1);
        case SqlBaseLexer.CASE -> cases++;
        case SqlBaseLexer.END -> cases = Math.max(0, cases - 1);
        case SqlBaseLexer.LT -> {
          if (prev == SqlBaseLexer.ARRAY || prev == SqlBaseLexer.MAP || prev == SqlBaseLexer.STRUCT) {
            types++;
          }
        }
        case SqlBaseLexer.GT -> types = Math.max(0, types - 1);
        default -> { }
      }
      boolean prefix = type == SqlBaseLexer.NOT || type == SqlBaseLexer.TILDE
          || (type == SqlBaseLexer.MINUS || type == SqlBaseLexer.PLUS) && isOperatorOrStart(prev);
      prefixRun = prefix ? prefixRun + 1 : 0;
      int depth = brackets + cases + types + prefixRun;
      if (depth > max) {
        max = depth;
        if (max > SqlParser.MAX_NESTING_DEPTH) {
          throw refuse(t);
        }
      }
      prev = type;
    }
    return max;
  }

  /** Whether a + or - after a token of this type is a sign rather than an operator. */
  private static boolean isOperatorOrStart(int prev) {
    return prev == -1 || prev == SqlBaseLexer.MINUS || prev == SqlBaseLexer.PLUS || prev == SqlBaseLexer.NOT
        || prev == SqlBaseLexer.TILDE || prev == SqlBaseLexer.LEFT_PAREN || prev == SqlBaseLexer.LEFT_BRACKET;
  }

  /**
   * Counts, for every node of the parse tree, the expression levels above it (an {@code expression},
   * an operator, a subscript or field access, a type); AND/OR chains do not count, the AST builder
   * balances them. Throws when a node is deeper than the limit.
   */
  static void checkTree(ParserRuleContext root) {
    ArrayDeque<ParseTree> nodes = new ArrayDeque<>();
    ArrayDeque<Integer> depths = new ArrayDeque<>();
    nodes.push(root);
    depths.push(0);
    while (!nodes.isEmpty()) {
      ParseTree n = nodes.pop();
      int d = depths.pop() + (counts(n) ? 1 : 0);
      if (d > SqlParser.MAX_NESTING_DEPTH) {
        throw refuse(((ParserRuleContext) n).getStart());
      }
      for (int i = 0; i < n.getChildCount(); i++) {
        ParseTree c = n.getChild(i);
        if (c instanceof ParserRuleContext) {
          nodes.push(c);
          depths.push(d);
        }
      }
    }
  }

  private static boolean counts(ParseTree n) {
    return n instanceof SqlBaseParser.ExpressionContext
        || n instanceof SqlBaseParser.LogicalNotContext
        || n instanceof SqlBaseParser.ArithmeticUnaryContext
        || n instanceof SqlBaseParser.ArithmeticBinaryContext
        || n instanceof SqlBaseParser.ComparisonContext
        || n instanceof SqlBaseParser.SubscriptContext
        || n instanceof SqlBaseParser.DereferenceContext
        || n instanceof SqlBaseParser.CastByColonContext
        || n instanceof SqlBaseParser.DataTypeContext;
  }

  private static ParseException refuse(Token t) {
    String text = t == null || t.getType() == Token.EOF ? "end of input" : "'" + t.getText() + "'";
    return new ParseException(text, t == null ? 1 : t.getLine(), t == null ? 0 : t.getCharPositionInLine(), DETAIL);
  }
}
