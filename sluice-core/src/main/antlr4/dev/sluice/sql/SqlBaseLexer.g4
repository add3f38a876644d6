/*
 * Lexer of Sluice's SQL dialect (Spark SQL is the reference).
 *
 * Keywords are case-insensitive. Whether a keyword may be used as an identifier is decided by the
 * parser (rules nonReserved / strictNonReserved in SqlBaseParser.g4), not here.
 * The lexer never fails: a character it does not know becomes an UNRECOGNIZED token, which the
 * parser reports with its line and position.
 */
lexer grammar SqlBaseLexer;

options { caseInsensitive = true; }

@members {
  /**
   * A token containing a dot (1.5, .5E3) is a decimal only when the character after it is not a
   * letter, digit or underscore, so that "1.5abc" or "t.1a" do not silently lex as a number.
   */
  private boolean isValidDecimal() {
    int next = _input.LA(1);
    return !(Character.isLetterOrDigit(next) || next == '_');
  }

  /** Line and column of the first comment that is not closed, or null. */
  public int[] unclosedComment;

  private void markUnclosedComment() {
    if (unclosedComment == null) {
      unclosedComment = new int[] {_tokenStartLine, _tokenStartCharPositionInLine};
    }
  }
}

SEMICOLON: ';';
LEFT_PAREN: '(';
RIGHT_PAREN: ')';
COMMA: ',';
DOT: '.';
LEFT_BRACKET: '[';
RIGHT_BRACKET: ']';

// ---- keywords (keep sorted; add new ones to nonReserved or strictNonReserved in the parser too)
ALL: 'ALL';
AND: 'AND';
ANTI: 'ANTI';
ARRAY: 'ARRAY';
AS: 'AS';
ASC: 'ASC';
BETWEEN: 'BETWEEN';
BOTH: 'BOTH';
BY: 'BY';
CASE: 'CASE';
CAST: 'CAST';
COMMENT: 'COMMENT';
CREATE: 'CREATE';
CROSS: 'CROSS';
CUBE: 'CUBE';
CURRENT: 'CURRENT';
DATE: 'DATE';
DAY: 'DAY';
DAYS: 'DAYS';
DELAY: 'DELAY';
DESC: 'DESC';
DESCRIBE: 'DESCRIBE';
DISTINCT: 'DISTINCT';
DIV: 'DIV';
DROP: 'DROP';
ELSE: 'ELSE';
END: 'END';
ESCAPE: 'ESCAPE';
EXCEPT: 'EXCEPT';
EXISTS: 'EXISTS';
EXPLAIN: 'EXPLAIN';
EXTENDED: 'EXTENDED';
EXTRACT: 'EXTRACT';
FALSE: 'FALSE';
FILTER: 'FILTER';
FIRST: 'FIRST';
FOLLOWING: 'FOLLOWING';
FOR: 'FOR';
FORMATTED: 'FORMATTED';
FROM: 'FROM';
FULL: 'FULL';
FUNCTION: 'FUNCTION';
FUNCTIONS: 'FUNCTIONS';
GLOBAL: 'GLOBAL';
GROUP: 'GROUP';
GROUPING: 'GROUPING';
HAVING: 'HAVING';
HOUR: 'HOUR';
HOURS: 'HOURS';
IF: 'IF';
IGNORE: 'IGNORE';
ILIKE: 'ILIKE';
ANY: 'ANY';
IN: 'IN';
INNER: 'INNER';
INSERT: 'INSERT';
INTERSECT: 'INTERSECT';
INTERVAL: 'INTERVAL';
INTO: 'INTO';
IS: 'IS';
JOIN: 'JOIN';
LAST: 'LAST';
LATERAL: 'LATERAL';
LEADING: 'LEADING';
LEFT: 'LEFT';
LIKE: 'LIKE';
LIMIT: 'LIMIT';
LOCATION: 'LOCATION';
MAP: 'MAP';
MICROSECOND: 'MICROSECOND';
MICROSECONDS: 'MICROSECONDS';
MILLISECOND: 'MILLISECOND';
MILLISECONDS: 'MILLISECONDS';
MINUS_KW: 'MINUS';
MINUTE: 'MINUTE';
MINUTES: 'MINUTES';
MONTH: 'MONTH';
MONTHS: 'MONTHS';
NATURAL: 'NATURAL';
NOT: 'NOT' | '!';
NULL: 'NULL';
NULLS: 'NULLS';
OF: 'OF';
ON: 'ON';
OPTIONS: 'OPTIONS';
OR: 'OR';
ORDER: 'ORDER';
OUTER: 'OUTER';
OVER: 'OVER';
PARTITION: 'PARTITION';
POSITION: 'POSITION';
PRECEDING: 'PRECEDING';
RANGE: 'RANGE';
REGEXP: 'REGEXP';
REPLACE: 'REPLACE';
RESPECT: 'RESPECT';
RIGHT: 'RIGHT';
QUERY: 'QUERY';
RLIKE: 'RLIKE';
ROLLUP: 'ROLLUP';
SOME: 'SOME';
ROW: 'ROW';
ROWS: 'ROWS';
SECOND: 'SECOND';
SECONDS: 'SECONDS';
SELECT: 'SELECT';
SEMI: 'SEMI';
SET: 'SET';
SETS: 'SETS';
SHOW: 'SHOW';
STREAM: 'STREAM';
STRUCT: 'STRUCT';
SUBSTR: 'SUBSTR';
SUBSTRING: 'SUBSTRING';
SYSTEM: 'SYSTEM';
TABLE: 'TABLE';
TEMP: 'TEMP';
TEMPORARY: 'TEMPORARY';
THEN: 'THEN';
TIMESTAMP: 'TIMESTAMP';
TIMESTAMP_LTZ: 'TIMESTAMP_LTZ';
TIMESTAMP_NTZ: 'TIMESTAMP_NTZ';
TO: 'TO';
TRAILING: 'TRAILING';
TRIM: 'TRIM';
TRUE: 'TRUE';
TRY_CAST: 'TRY_CAST';
UNBOUNDED: 'UNBOUNDED';
UNION: 'UNION';
UNKNOWN: 'UNKNOWN';
USER: 'USER';
USING: 'USING';
VALUES: 'VALUES';
VIEW: 'VIEW';
WATERMARK: 'WATERMARK';
WEEK: 'WEEK';
WEEKS: 'WEEKS';
WHEN: 'WHEN';
WHERE: 'WHERE';
WINDOW: 'WINDOW';
WITH: 'WITH';
YEAR: 'YEAR';
YEARS: 'YEARS';

// ---- operators
EQ: '=' | '==';
NSEQ: '<=>';
NEQ: '<>';
NEQJ: '!=';
LT: '<';
LTE: '<=' | '!>';
GT: '>';
GTE: '>=' | '!<';
PLUS: '+';
MINUS: '-';
ASTERISK: '*';
SLASH: '/';
PERCENT: '%';
TILDE: '~';
AMPERSAND: '&';
PIPE: '|';
CONCAT_PIPE: '||';
HAT: '^';
COLON: ':';
DOUBLE_COLON: '::';
ARROW: '->';

// ---- literals
STRING_LITERAL
  : '\'' ( ~('\'' | '\\') | '\\' . | '\'\'' )* '\''
  | 'R\'' (~'\'')* '\''
  ;

DOUBLEQUOTED_STRING
  : '"' ( ~('"' | '\\') | '\\' . | '""' )* '"'
  | 'R"' (~'"')* '"'
  ;

HEX_LITERAL: 'X\'' HEX_DIGIT* '\'';

BIGINT_LITERAL: DIGIT+ 'L';
SMALLINT_LITERAL: DIGIT+ 'S';
TINYINT_LITERAL: DIGIT+ 'Y';
INTEGER_VALUE: DIGIT+;
EXPONENT_VALUE
  : DIGIT+ EXPONENT
  | DECIMAL_DIGITS EXPONENT {isValidDecimal()}?
  ;
DECIMAL_VALUE: DECIMAL_DIGITS {isValidDecimal()}?;
FLOAT_LITERAL
  : DIGIT+ EXPONENT? 'F'
  | DECIMAL_DIGITS EXPONENT? 'F' {isValidDecimal()}?
  ;
DOUBLE_LITERAL
  : DIGIT+ EXPONENT? 'D'
  | DECIMAL_DIGITS EXPONENT? 'D' {isValidDecimal()}?
  ;
BIGDECIMAL_LITERAL
  : DIGIT+ EXPONENT? 'BD'
  | DECIMAL_DIGITS EXPONENT? 'BD' {isValidDecimal()}?
  ;

IDENTIFIER: (LETTER | DIGIT | '_')+;

BACKQUOTED_IDENTIFIER: '`' ( ~'`' | '``' )* '`';

fragment DECIMAL_DIGITS
  : DIGIT+ '.' DIGIT*
  | '.' DIGIT+
  ;
fragment EXPONENT: 'E' [+-]? DIGIT+;
fragment DIGIT: [0-9];
fragment HEX_DIGIT: [0-9A-F];
fragment LETTER: [\p{L}];

// ---- ignored
SIMPLE_COMMENT: '--' ~[\r\n]* -> channel(HIDDEN);
BRACKETED_COMMENT: '/*' ( BRACKETED_COMMENT | . )*? ('*/' | {markUnclosedComment();} EOF) -> channel(HIDDEN);
WS: [ \t\r\n\f\u000B\u00A0]+ -> channel(HIDDEN);

// Anything else (including an unclosed string or quoted identifier) is reported by the parser.
UNRECOGNIZED: .;
