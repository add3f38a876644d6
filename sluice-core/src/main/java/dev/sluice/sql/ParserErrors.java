package dev.sluice.sql;

import dev.sluice.errors.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.FailedPredicateException;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Turns ANTLR's syntax errors into {@link ParseException}s that say where (line, 0-based position
 * in the line, as Spark reports it) and what was expected, e.g. {@code expected ')' but found 'FROM'}.
 * The first error ends the parse: there is no recovery, and nothing is printed.
 */
final class ParserErrors {
  private ParserErrors() {}

  private static final int MAX_LISTED = 8;

  private static final ATN ATN_ = SqlBaseParser._ATN;

  /** Token types that are keywords usable as identifiers; listed as "identifier" when expected. */
  private static final IntervalSet IDENTIFIER_KEYWORDS = first(SqlBaseParser.RULE_nonReserved)
      .or(first(SqlBaseParser.RULE_strictNonReserved));
  private static final IntervalSet RESERVED = first(SqlBaseParser.RULE_reserved);
  /** What can start an expression, at the levels where the parser may stop: boolean, value, primary. */
  private static final List<IntervalSet> EXPRESSION_FIRST = List.of(first(SqlBaseParser.RULE_expression),
      first(SqlBaseParser.RULE_valueExpression), first(SqlBaseParser.RULE_primaryExpression));
  private static final IntervalSet DATA_TYPE_FIRST = first(SqlBaseParser.RULE_dataType);

  private static IntervalSet first(int rule) {
    return ATN_.nextTokens(ATN_.ruleToStartState[rule]);
  }

  private static boolean containsAll(IntervalSet set, IntervalSet subset) {
    return subset.subtract(set).isNil();
  }

  /** Throws on the first error reported to it, by the lexer or the parser. */
  static final class ThrowingListener extends BaseErrorListener {
    static final ThrowingListener INSTANCE = new ThrowingListener();

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
        String msg, RecognitionException e) {
      String token = offendingSymbol instanceof Token t ? describe(t) : "end of input";
      throw new ParseException(token, line, charPositionInLine, msg);
    }
  }

  /** First, fast stage: gives up at the first error without reporting it, so the LL stage can retry. */
  static final class Bail extends BailErrorStrategy {
    @Override
    public void reportError(Parser recognizer, RecognitionException e) {
      throw new ParseCancellationException(e);
    }
  }

  /** Reports errors with messages naming what was expected, and never recovers. */
  static final class Strategy extends DefaultErrorStrategy {
    @Override
    protected void reportNoViableAlternative(Parser recognizer, NoViableAltException e) {
      Token t = e.getOffendingToken();
      String msg = unexpected(t);
      // The expected tokens are those where the failed decision started; they only help when the
      // parse failed right there, not some tokens later.
      IntervalSet expected;
      try {
        expected = e.getExpectedTokens();
      } catch (RuntimeException noState) {
        expected = null;
      }
      boolean atStart = e.getStartToken() != null && e.getStartToken().getTokenIndex() == t.getTokenIndex();
      if (atStart && expected != null && !expected.isNil() && !expected.contains(t.getType())) {
        msg += ", expected " + expectedList(expected);
      } else {
        Token open = unclosedParenthesis(recognizer, t);
        if (open != null) {
          msg += "; the '(' at line " + open.getLine() + ", position " + open.getCharPositionInLine()
              + " may be missing its ')'";
        }
      }
      recognizer.notifyErrorListeners(t, msg, e);
    }

    @Override
    protected void reportInputMismatch(Parser recognizer, InputMismatchException e) {
      Token t = e.getOffendingToken();
      recognizer.notifyErrorListeners(t, "expected " + expectedList(e.getExpectedTokens()) + " but found "
          + describe(t) + hint(t), e);
    }

    @Override
    protected void reportFailedPredicate(Parser recognizer, FailedPredicateException e) {
      recognizer.notifyErrorListeners(e.getOffendingToken(), unexpected(e.getOffendingToken()), e);
    }

    @Override
    protected void reportUnwantedToken(Parser recognizer) {
      Token t = recognizer.getCurrentToken();
      recognizer.notifyErrorListeners(t, unexpected(t) + ", expected " + expectedList(getExpectedTokens(recognizer)),
          null);
    }

    @Override
    protected void reportMissingToken(Parser recognizer) {
      Token t = recognizer.getCurrentToken();
      recognizer.notifyErrorListeners(t, "expected " + expectedList(getExpectedTokens(recognizer)) + " but found "
          + describe(t) + hint(t), null);
    }

    @Override
    public void recover(Parser recognizer, RecognitionException e) {
      throw new IllegalStateException("parse error recovery is disabled", e);
    }
  }

  /** The innermost '(' before {@code t} that is not closed before it, or null. */
  private static Token unclosedParenthesis(Parser recognizer, Token t) {
    TokenStream in = recognizer.getInputStream();
    java.util.ArrayDeque<Token> open = new java.util.ArrayDeque<>();
    for (int i = 0; i < t.getTokenIndex(); i++) {
      Token x = in.get(i);
      if (x.getType() == SqlBaseLexer.LEFT_PAREN) {
        open.push(x);
      } else if (x.getType() == SqlBaseLexer.RIGHT_PAREN && !open.isEmpty()) {
        open.pop();
      }
    }
    return open.peek();
  }

  private static String unexpected(Token t) {
    if (t.getType() == Token.EOF) {
      return "unexpected end of input";
    }
    return "unexpected " + describe(t) + hint(t);
  }

  private static String hint(Token t) {
    if (t.getType() != SqlBaseLexer.UNRECOGNIZED) {
      return "";
    }
    return switch (t.getText()) {
      case "'", "\"" -> " (a string literal is not closed)";
      case "`" -> " (a quoted identifier is not closed)";
      default -> " (not a valid character here)";
    };
  }

  /** The token as a person reads it: 'FROM', ')', or "end of input". */
  static String describe(Token t) {
    if (t == null || t.getType() == Token.EOF) {
      return "end of input";
    }
    String text = t.getText();
    if (text.length() > 40) {
      text = text.substring(0, 37) + "...";
    }
    return "'" + text + "'";
  }

  /**
   * A short, readable list of expected tokens: keywords in quotes, and "an expression", "a data
   * type" or "an identifier" instead of the many tokens that can start one.
   */
  static String expectedList(IntervalSet expected) {
    List<String> names = new ArrayList<>();
    IntervalSet rest = new IntervalSet(expected);
    for (IntervalSet exprFirst : EXPRESSION_FIRST) {
      if (containsAll(rest, exprFirst)) {
        names.add("an expression");
        rest = rest.subtract(exprFirst);
        break;
      }
    }
    if (containsAll(rest, DATA_TYPE_FIRST)) {
      names.add("a data type");
      rest = rest.subtract(DATA_TYPE_FIRST);
    }
    if (rest.contains(SqlBaseLexer.IDENTIFIER) || rest.contains(SqlBaseLexer.BACKQUOTED_IDENTIFIER)) {
      names.add(containsAll(rest, RESERVED) ? "a name" : "an identifier");
      rest = rest.subtract(IDENTIFIER_KEYWORDS);
      if (containsAll(rest, RESERVED)) {
        rest = rest.subtract(RESERVED);
      }
      rest.remove(SqlBaseLexer.IDENTIFIER);
      rest.remove(SqlBaseLexer.BACKQUOTED_IDENTIFIER);
    }
    Set<String> tokens = new LinkedHashSet<>();
    for (int type : rest.toList()) {
      tokens.add(tokenName(type));
    }
    if (tokens.remove("end of input")) {
      tokens.add("end of input");
    }
    names.addAll(tokens);
    if (names.isEmpty()) {
      return "something else";
    }
    if (names.size() > MAX_LISTED) {
      return "one of " + String.join(", ", names.subList(0, MAX_LISTED)) + ", ...";
    }
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
  }

  static String tokenName(int type) {
    if (type == Token.EOF) {
      return "end of input";
    }
    return switch (type) {
      case SqlBaseLexer.IDENTIFIER, SqlBaseLexer.BACKQUOTED_IDENTIFIER -> "identifier";
      case SqlBaseLexer.STRING_LITERAL, SqlBaseLexer.DOUBLEQUOTED_STRING -> "string literal";
      case SqlBaseLexer.INTEGER_VALUE -> "integer";
      case SqlBaseLexer.DECIMAL_VALUE, SqlBaseLexer.EXPONENT_VALUE, SqlBaseLexer.BIGINT_LITERAL,
          SqlBaseLexer.SMALLINT_LITERAL, SqlBaseLexer.TINYINT_LITERAL, SqlBaseLexer.DOUBLE_LITERAL,
          SqlBaseLexer.FLOAT_LITERAL, SqlBaseLexer.BIGDECIMAL_LITERAL -> "number";
      case SqlBaseLexer.HEX_LITERAL -> "binary literal";
      case SqlBaseLexer.NOT -> "'NOT'";
      case SqlBaseLexer.MINUS_KW -> "'MINUS'";
      case SqlBaseLexer.EQ -> "'='";
      case SqlBaseLexer.LTE -> "'<='";
      case SqlBaseLexer.GTE -> "'>='";
      default -> {
        String literal = SqlBaseLexer.VOCABULARY.getLiteralName(type);
        yield literal != null ? literal : SqlBaseLexer.VOCABULARY.getSymbolicName(type);
      }
    };
  }
}
