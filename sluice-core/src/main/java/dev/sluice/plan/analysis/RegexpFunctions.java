package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.Literal;
import dev.sluice.plan.expr.ScalarFunction;
import dev.sluice.types.ArrayType;
import dev.sluice.types.DataType;
import dev.sluice.types.DataTypes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Regular-expression functions with Java regex syntax, as in Spark: RLIKE, regexp_replace,
 * regexp_extract(_all), regexp_count, regexp_substr, regexp_instr and split. A constant pattern is
 * compiled once at analysis (an invalid one fails there, naming the pattern); a pattern that varies
 * per row is recompiled only when it changes.
 */
final class RegexpFunctions {
  private RegexpFunctions() {}

  static final ArrayType STRING_ARRAY = new ArrayType(DataTypes.StringType, true);

  /** Compiles a pattern given at analysis time; an invalid one is an AnalysisException naming it. */
  static Pattern compileRegex(String pattern, String fn) {
    try {
      return Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "`" + fn + "`", "the regular expression '" + pattern
          + "' is invalid: " + e.getDescription());
    }
  }

  /**
   * The pattern argument of one function call: fixed when the argument is constant, otherwise
   * compiled from each row's value and cached while consecutive rows use the same pattern.
   * Thread-safe: the cache holds one immutable entry.
   */
  static final class RegexArg {
    private record Entry(String source, Pattern pattern) {}

    private final String fn;
    private final Pattern constant;
    private volatile Entry last;

    RegexArg(String fn, Pattern constant) {
      this.fn = fn;
      this.constant = constant;
    }

    Pattern get(Object source) {
      if (constant != null) {
        return constant;
      }
      String s = (String) source;
      Entry e = last;
      if (e == null || !e.source.equals(s)) {
        try {
          e = new Entry(s, Pattern.compile(s));
        } catch (PatternSyntaxException ex) {
          throw FunctionArgs.runtime(fn, "the regular expression '" + s + "' is invalid: " + ex.getDescription());
        }
        last = e;
      }
      return e.pattern;
    }
  }

  /** Per-row body of a regex function; args[patternIndex] is the pattern's string value. */
  @FunctionalInterface
  interface RegexImpl {
    Object apply(Pattern p, Object[] args);
  }

  /**
   * Builds a null-intolerant regex function whose argument {@code patternIndex} is the pattern. A
   * NULL constant pattern makes the whole result NULL.
   */
  static Expression regexFunction(FunctionRegistry.FunctionContext c, String name, List<Expression> args, int patternIndex, DataType result,
      RegexImpl impl) {
    Expression p = args.get(patternIndex);
    Pattern constant = null;
    if (p.foldable()) {
      Object v = c.constant(p);
      if (v == null) {
        return new Literal(null, result);
      }
      constant = compileRegex((String) v, name);
    }
    RegexArg regex = new RegexArg(name, constant);
    return new ScalarFunction(name, args, result, v -> impl.apply(regex.get(v[patternIndex]), v));
  }

  static void register(FunctionRegistry r) {
    r.register("rlike", 2, 2, "str RLIKE regexp", (a, c) -> regexFunction(c, "RLIKE",
        List.of(StringFunctions.str(a.get(0), c), StringFunctions.str(a.get(1), c)), 1, DataTypes.BooleanType,
        (p, v) -> p.matcher((String) v[0]).find()))
        .group("predicate_funcs")
        .doc("Returns true when the Java regular expression `regexp` matches somewhere in `str`, false otherwise; "
            + "NULL when either argument is NULL. Also written `str RLIKE regexp`, `regexp` or `regexp_like`; "
            + "backslashes in ordinary string literals must be doubled (or use a raw literal `r'...'`).")
        .example("SELECT rlike('%SystemDrive%\\\\Users\\\\John', '%SystemDrive%\\\\\\\\Users.*')", "true")
        .example("SELECT '%SystemDrive%\\\\Users\\\\John' RLIKE r'%SystemDrive%\\\\Users.*'", "true")
        .example("SELECT regexp_like('Spark', NULL)", "NULL");
    r.alias("regexp", "rlike");
    r.alias("regexp_like", "rlike");

    r.register("regexp_replace", 3, 4, "regexp_replace(str, regexp, rep[, position])", (a, c) -> {
      List<Expression> args = strings(a.subList(0, 3), c);
      if (a.size() == 4) {
        Integer pos = FunctionArgs.constantInt(a.get(3), c, "position");
        if (pos != null && pos <= 0) {
          throw new AnalysisException(ErrorClass.INVALID_ARGUMENT, "`regexp_replace`",
              "the position must be a positive integer (1 is the first character), but it is " + pos);
        }
        args.add(StringFunctions.integer(a.get(3), c));
      } else {
        args.add(Literal.of(1));
      }
      return regexFunction(c, "regexp_replace", args, 1, DataTypes.StringType,
          (p, v) -> replace(p, (String) v[0], (String) v[2], (Integer) v[3]));
    }).doc("Replaces every substring of `str` that matches the Java regular expression `regexp` with `rep`, in "
            + "which `$1`, `$2`, ... refer to the groups of the match. With `position` (a positive constant, 1 "
            + "by default) the search starts at that character. NULL arguments give NULL.")
        .example("SELECT regexp_replace('100-200', '(\\\\d+)', 'num')", "num-num")
        .example("SELECT regexp_replace('100-200', r'(\\d+)', 'num', 4)", "100-num")
        .example("SELECT regexp_replace('abc', 'b', '<$0>')", "a<b>c");

    r.register("regexp_extract", 2, 3, "regexp_extract(str, regexp[, idx])", (a, c) -> regexFunction(c, 
        "regexp_extract", withGroup(a, c, 1), 1, DataTypes.StringType, (p, v) -> {
          Matcher m = p.matcher((String) v[0]);
          if (!m.find()) {
            return "";
          }
          int idx = checkGroup("regexp_extract", m, (Integer) v[2]);
          String g = m.group(idx);
          return g == null ? "" : g;
        }))
        .doc("Returns the text matched by group `idx` (1 by default; 0 is the whole match) of the first match of "
            + "the Java regular expression `regexp` in `str`, or an empty string when nothing matches. An `idx` "
            + "beyond the pattern's groups is an error; NULL arguments give NULL.")
        .example("SELECT regexp_extract('100-200', '(\\\\d+)-(\\\\d+)', 1)", "100")
        .example("SELECT regexp_extract('100-200', r'(\\d+)-(\\d+)', 2)", "200")
        .example("SELECT regexp_extract('foo', r'(\\d+)')", "");

    r.register("regexp_extract_all", 2, 3, "regexp_extract_all(str, regexp[, idx])", (a, c) -> regexFunction(c, 
        "regexp_extract_all", withGroup(a, c, 1), 1, STRING_ARRAY, (p, v) -> {
          Matcher m = p.matcher((String) v[0]);
          List<Object> out = new ArrayList<>();
          while (m.find()) {
            int idx = checkGroup("regexp_extract_all", m, (Integer) v[2]);
            String g = m.group(idx);
            out.add(g == null ? "" : g);
          }
          return out;
        }))
        .doc("Returns an array with the text matched by group `idx` (1 by default; 0 is the whole match) in every "
            + "match of the Java regular expression `regexp` in `str`; an empty array when nothing matches. NULL "
            + "arguments give NULL.")
        .example("SELECT regexp_extract_all('100-200, 300-400', '(\\\\d+)-(\\\\d+)', 1)", "[\"100\",\"300\"]")
        .example("SELECT regexp_extract_all('100-200, 300-400', r'(\\d+)-(\\d+)', 0)", "[\"100-200\",\"300-400\"]");

    r.register("regexp_count", 2, 2, "regexp_count(str, regexp)", (a, c) -> regexFunction(c, 
        "regexp_count", strings(a, c), 1, DataTypes.IntegerType, (p, v) -> {
          Matcher m = p.matcher((String) v[0]);
          int n = 0;
          while (m.find()) {
            n++;
          }
          return n;
        }))
        .doc("Returns how many times the Java regular expression `regexp` matches in `str` (matches do not "
            + "overlap). NULL arguments give NULL.")
        .example("SELECT regexp_count('Steven Jones and Stephen Smith are the best players', 'Ste(v|ph)en')", "2")
        .example("SELECT regexp_count('abcdefghijklmnopqrstuvwxyz', '[a-z]{3}')", "8");

    r.register("regexp_substr", 2, 2, "regexp_substr(str, regexp)", (a, c) -> regexFunction(c, 
        "regexp_substr", strings(a, c), 1, DataTypes.StringType, (p, v) -> {
          Matcher m = p.matcher((String) v[0]);
          if (!m.find() || m.end() == m.start()) {
            return null;
          }
          return m.group();
        }))
        .doc("Returns the first substring of `str` that matches the Java regular expression `regexp`, or NULL "
            + "when there is none (or the first match is empty). NULL arguments give NULL.")
        .example("SELECT regexp_substr('Steven Jones and Stephen Smith are the best players', 'Ste(v|ph)en')",
            "Steven")
        .example("SELECT regexp_substr('Steven Jones and Stephen Smith are the best players', 'Jeck')", "NULL");

    r.register("regexp_instr", 2, 3, "regexp_instr(str, regexp[, idx])", (a, c) -> regexFunction(c, 
        "regexp_instr", withGroup(a, c, 0), 1, DataTypes.IntegerType, (p, v) -> {
          Matcher m = p.matcher((String) v[0]);
          // Spark accepts the group index but always answers the start of the whole match.
          return m.find() ? m.start() + 1 : 0;
        }))
        .doc("Returns the 1-based position where the first match of the Java regular expression `regexp` in "
            + "`str` begins, or 0 when nothing matches. The optional `idx` is accepted but, as in Spark, does not "
            + "change the result. NULL arguments give NULL.")
        .example("SELECT regexp_instr('user@spark.apache.org', '@[^.]*')", "5")
        .example("SELECT regexp_instr(r'\\abc', r'^\\\\abc$')", "1")
        .example("SELECT regexp_instr('abc', 'x')", "0");

    r.register("split", 2, 3, "split(str, regex[, limit])", (a, c) -> {
      List<Expression> args = strings(a.subList(0, 2), c);
      args.add(a.size() == 3 ? StringFunctions.integer(a.get(2), c) : Literal.of(-1));
      return regexFunction(c, "split", args, 1, STRING_ARRAY,
          (p, v) -> split((String) v[0], p, (String) v[1], (Integer) v[2]));
    }).doc("Splits `str` around the matches of the Java regular expression `regex` and returns the pieces as "
            + "an array. A positive `limit` caps the array's length (the last piece keeps the rest of `str`); "
            + "0 or a negative `limit` (the default) splits at every match. NULL arguments give NULL.")
        .example("SELECT split('oneAtwoBthreeC', '[ABC]')", "[\"one\",\"two\",\"three\",\"\"]")
        .example("SELECT split('oneAtwoBthreeC', '[ABC]', 2)", "[\"one\",\"twoBthreeC\"]");
  }

  private static List<Expression> strings(List<Expression> a, FunctionRegistry.FunctionContext c) {
    List<Expression> out = new ArrayList<>(a.size() + 1);
    for (Expression e : a) {
      out.add(StringFunctions.str(e, c));
    }
    return out;
  }

  private static List<Expression> withGroup(List<Expression> a, FunctionRegistry.FunctionContext c, int dflt) {
    List<Expression> args = strings(a.subList(0, 2), c);
    args.add(a.size() == 3 ? StringFunctions.integer(a.get(2), c) : Literal.of(dflt));
    return args;
  }

  private static int checkGroup(String fn, MatchResult m, int idx) {
    if (idx < 0 || idx > m.groupCount()) {
      throw FunctionArgs.runtime(fn, "the regex group index must be between 0 and " + m.groupCount()
          + " (the number of groups in the pattern), but it is " + idx);
    }
    return idx;
  }

  /** Spark's regexp_replace: every match from {@code position} (1-based, in UTF-16 units) on. */
  static String replace(Pattern p, String s, String rep, int position) {
    int start = position - 1;
    if (start != 0 && start >= s.length()) {
      return s;
    }
    Matcher m = p.matcher(s);
    m.region(start, s.length());
    StringBuilder sb = new StringBuilder(s.length() + 16);
    try {
      while (m.find()) {
        m.appendReplacement(sb, rep);
      }
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw FunctionArgs.runtime("regexp_replace", "the replacement '" + rep + "' is invalid: " + e.getMessage()
          + " (use \\$ for a literal dollar sign)");
    }
    m.appendTail(sb);
    return sb.toString();
  }

  /**
   * Spark's split: Java's split with limit 0 meaning "no limit, keep trailing empty strings", and
   * an empty pattern splitting a non-empty string into characters without a trailing empty string.
   */
  static List<Object> split(String s, Pattern p, String regex, int limit) {
    if (!s.isEmpty() && regex.isEmpty()) {
      int n = s.codePointCount(0, s.length());
      int parts = limit > n || limit <= 0 ? n : limit;
      List<Object> out = new ArrayList<>(parts);
      int off = 0;
      for (int i = 0; i < parts - 1; i++) {
        int next = s.offsetByCodePoints(off, 1);
        out.add(s.substring(off, next));
        off = next;
      }
      out.add(s.substring(off));
      return out;
    }
    return new ArrayList<>(Arrays.asList((Object[]) p.split(s, limit == 0 ? -1 : limit)));
  }
}
