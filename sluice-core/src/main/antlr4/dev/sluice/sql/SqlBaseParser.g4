/*
 * Parser of Sluice's SQL dialect. Spark SQL is the reference: where both accept a statement, it
 * means the same thing. The AstBuilder turns parse trees into unresolved logical plans.
 *
 * Keywords fall in three groups:
 *  - nonReserved: usable as any identifier, including a bare alias (window, key, value, date, ...);
 *  - strictNonReserved: usable as table, column and function names, but not as a bare alias,
 *    because they may follow a relation or an expression (LEFT, RIGHT, JOIN, ON, UNION, ...);
 *  - reserved: only after a dot (window.end) or in backticks (`from`).
 * Every keyword token of the lexer is in exactly one group (SqlParserKeywordsTest checks it).
 */
parser grammar SqlBaseParser;

options { tokenVocab = SqlBaseLexer; }

// ---------------------------------------------------------------- entry points

singleStatement: statement SEMICOLON* EOF;

singleQuery: query SEMICOLON* EOF;

singleExpression: namedExpression EOF;

singleDataType: dataType EOF;

singleTableSchema: colTypeList? EOF;

singleMultipartIdentifier: multipartIdentifier EOF;

statements: SEMICOLON* (statement (SEMICOLON+ statement)* SEMICOLON*)? EOF;

// ---------------------------------------------------------------- statements

statement
  : query                                                                  #statementDefault
  | EXPLAIN explainMode=(EXTENDED | FORMATTED)? query                             #explain
  | CREATE (OR REPLACE)? TABLE (IF NOT EXISTS)? multipartIdentifier
      (LEFT_PAREN colTypeList RIGHT_PAREN)? USING format=qualifiedName
      tableClause* (AS? query)?                                            #createTable
  | CREATE (OR REPLACE)? (TEMP | TEMPORARY)? VIEW multipartIdentifier
      (LEFT_PAREN viewColumn (COMMA viewColumn)* RIGHT_PAREN)?
      AS query                                                             #createView
  | INSERT INTO TABLE? multipartIdentifier query                           #insertInto
  | DROP TABLE (IF EXISTS)? multipartIdentifier                            #dropTable
  | DROP VIEW (IF EXISTS)? multipartIdentifier                             #dropView
  | SET (~SEMICOLON)*                                                      #setConfiguration
  | SHOW scope=(USER | SYSTEM | ALL)? FUNCTIONS ((FROM | IN) ns=multipartIdentifier)?
      (LIKE? (pattern=stringLit | legacy=qualifiedName))?                  #showFunctions
  | (DESC | DESCRIBE) FUNCTION EXTENDED? describeFuncName                  #describeFunction
  | (DESC | DESCRIBE) QUERY? query                                         #describeQuery
  | (DESC | DESCRIBE) TABLE? multipartIdentifier                           #describeTable
  ;

// A function to describe: a name, a quoted name, or an operator (DESCRIBE FUNCTION +).
describeFuncName
  : qualifiedName
  | stringLit
  | ~(SEMICOLON | EOF)
  ;

viewColumn: identifier (COMMENT stringLit)?;

tableClause
  : OPTIONS propertyList                                                   #optionsClause
  | LOCATION stringLit                                                     #locationClause
  | COMMENT stringLit                                                      #commentClause
  ;

propertyList: LEFT_PAREN property (COMMA property)* RIGHT_PAREN;

property: key=propertyKey EQ? value=propertyValue;

propertyKey
  : anyIdentifier (DOT anyIdentifier)*
  | stringLit
  ;

propertyValue
  : stringLit
  | number
  | booleanValue
  | anyIdentifier
  ;

// ---------------------------------------------------------------- queries

query: ctes? queryTerm queryOrganization;

ctes: WITH namedQuery (COMMA namedQuery)*;

namedQuery: name=identifier columnAliases=identifierList? AS? LEFT_PAREN query RIGHT_PAREN;

queryOrganization
  : (ORDER BY sortItem (COMMA sortItem)*)?
    (LIMIT (ALL | limit=INTEGER_VALUE))?
  ;

queryTerm
  : queryPrimary                                                           #queryTermDefault
  | left=queryTerm operator=INTERSECT setQuantifier? right=queryTerm       #setOperation
  | left=queryTerm operator=(UNION | EXCEPT | MINUS_KW) setQuantifier?
      right=queryTerm                                                      #setOperation
  ;

queryPrimary
  : querySpecification                                                     #queryPrimaryDefault
  | TABLE multipartIdentifier                                              #table
  | inlineTable tableAlias                                                 #inlineTableDefault
  | LEFT_PAREN query RIGHT_PAREN                                           #subquery
  ;

setQuantifier: DISTINCT | ALL;

querySpecification
  : selectClause fromClause? whereClause? aggregationClause? havingClause? windowClause?
  ;

windowClause: WINDOW namedWindow (COMMA namedWindow)*;

namedWindow: name=identifier AS windowSpec;

selectClause: SELECT setQuantifier? namedExpressionSeq;

namedExpressionSeq: namedExpression (COMMA namedExpression)*;

namedExpression
  : expression (AS name=identifier | alias=strictIdentifier | AS? aliases=identifierList)?
  ;

fromClause: FROM relation (COMMA relation)* lateralView*;

lateralView
  : LATERAL VIEW OUTER? functionName LEFT_PAREN (argument+=expression (COMMA argument+=expression)*)?
      RIGHT_PAREN tableName=strictIdentifier (AS? columnName+=identifier (COMMA columnName+=identifier)*)?
  ;

whereClause: WHERE booleanExpression;

// GROUP BY: a list of items, each an expression or a grouping analytics (CUBE, ROLLUP, GROUPING
// SETS, nested in GROUPING SETS); or Hive's forms, a list of expressions followed by WITH ROLLUP,
// WITH CUBE or GROUPING SETS (...). Where both alternatives match (a plain list), the first wins.
aggregationClause
  : GROUP BY
    ( groupByItems+=groupByClause (COMMA groupByItems+=groupByClause)*
    | groupingExpressions+=expression (COMMA groupingExpressions+=expression)*
        (WITH kind=ROLLUP | WITH kind=CUBE | kind=GROUPING SETS LEFT_PAREN groupingSet (COMMA groupingSet)* RIGHT_PAREN)?
    )
  ;

groupByClause
  : groupingAnalytics
  | expression
  ;

groupingAnalytics
  : (ROLLUP | CUBE) LEFT_PAREN groupingSet (COMMA groupingSet)* RIGHT_PAREN
  | GROUPING SETS LEFT_PAREN groupingElement (COMMA groupingElement)* RIGHT_PAREN
  ;

groupingElement
  : groupingAnalytics
  | groupingSet
  ;

groupingSet
  : LEFT_PAREN (expression (COMMA expression)*)? RIGHT_PAREN
  | expression
  ;

havingClause: HAVING booleanExpression;

sortItem: expression ordering=(ASC | DESC)? (NULLS nullOrder=(LAST | FIRST))?;

relation: relationPrimary joinRelation*;

joinRelation: NATURAL? joinType JOIN right=relationPrimary joinCriteria?;

joinType
  : INNER?
  | CROSS
  | LEFT OUTER?
  | LEFT? SEMI
  | RIGHT OUTER?
  | FULL OUTER?
  | LEFT? ANTI
  ;

joinCriteria
  : ON booleanExpression
  | USING identifierList
  ;

identifierList: LEFT_PAREN identifier (COMMA identifier)* RIGHT_PAREN;

relationPrimary
  : STREAM LEFT_PAREN multipartIdentifier RIGHT_PAREN watermarkClause? tableAlias  #streamTableName
  | STREAM multipartIdentifier watermarkClause? tableAlias                          #streamTableName
  | multipartIdentifier watermarkClause? tableAlias                                 #tableName
  | LEFT_PAREN query RIGHT_PAREN watermarkClause? tableAlias                         #aliasedQuery
  | LEFT_PAREN relation RIGHT_PAREN watermarkClause? tableAlias                      #aliasedRelation
  | inlineTable watermarkClause? tableAlias                                        #inlineTableRelation
  ;

inlineTable: VALUES expression (COMMA expression)*;

watermarkClause: WATERMARK column=qualifiedName DELAY OF delay=interval;

tableAlias: (AS? strictIdentifier identifierList?)?;

// ---------------------------------------------------------------- expressions

expression: booleanExpression;

booleanExpression
  : NOT booleanExpression                                                  #logicalNot
  | EXISTS LEFT_PAREN query RIGHT_PAREN                                    #exists
  | valueExpression predicate?                                             #predicated
  | left=booleanExpression operator=AND right=booleanExpression            #logicalBinary
  | left=booleanExpression operator=OR right=booleanExpression             #logicalBinary
  ;

predicate
  : NOT? kind=BETWEEN lower=valueExpression AND upper=valueExpression
  | NOT? kind=IN LEFT_PAREN expression (COMMA expression)* RIGHT_PAREN
  | NOT? kind=IN LEFT_PAREN query RIGHT_PAREN
  | NOT? kind=(RLIKE | REGEXP) pattern=valueExpression
  | NOT? kind=(LIKE | ILIKE) quantifier=(ANY | SOME | ALL)
      LEFT_PAREN (patterns+=expression (COMMA patterns+=expression)*)? RIGHT_PAREN
  | NOT? kind=(LIKE | ILIKE) pattern=valueExpression (ESCAPE escapeChar=stringLit)?
  | IS NOT? kind=NULL
  | IS NOT? kind=(TRUE | FALSE | UNKNOWN)
  | IS NOT? kind=DISTINCT FROM right=valueExpression
  ;

valueExpression
  : primaryExpression                                                      #valueExpressionDefault
  | operator=(MINUS | PLUS | TILDE) valueExpression                        #arithmeticUnary
  | left=valueExpression operator=(ASTERISK | SLASH | PERCENT | DIV)
      right=valueExpression                                                #arithmeticBinary
  | left=valueExpression operator=(PLUS | MINUS | CONCAT_PIPE)
      right=valueExpression                                                #arithmeticBinary
  | left=valueExpression operator=AMPERSAND right=valueExpression          #arithmeticBinary
  | left=valueExpression operator=HAT right=valueExpression                #arithmeticBinary
  | left=valueExpression operator=PIPE right=valueExpression               #arithmeticBinary
  | left=valueExpression comparisonOperator right=valueExpression          #comparison
  ;

comparisonOperator: EQ | NEQ | NEQJ | LT | LTE | GT | GTE | NSEQ;

primaryExpression
  : CASE whenClause+ (ELSE elseExpression=expression)? END                 #searchedCase
  | CASE value=expression whenClause+ (ELSE elseExpression=expression)? END  #simpleCase
  | name=(CAST | TRY_CAST) LEFT_PAREN expression AS dataType RIGHT_PAREN    #cast
  | name=(FIRST | LAST) LEFT_PAREN expression IGNORE NULLS RIGHT_PAREN      #firstLastIgnoreNulls
  | EXTRACT LEFT_PAREN field=anyIdentifier FROM source=valueExpression RIGHT_PAREN  #extract
  | name=(SUBSTR | SUBSTRING) LEFT_PAREN str=valueExpression FROM pos=valueExpression
      (FOR len=valueExpression)? RIGHT_PAREN                               #substring
  | TRIM LEFT_PAREN trimOption=(BOTH | LEADING | TRAILING)? trimStr=valueExpression?
      FROM srcStr=valueExpression RIGHT_PAREN                              #trim
  | POSITION LEFT_PAREN substr=valueExpression IN str=valueExpression RIGHT_PAREN  #position
  | constant                                                               #constantDefault
  | ASTERISK                                                               #star
  | qualifiedName DOT ASTERISK                                             #star
  | LEFT_PAREN namedExpression (COMMA namedExpression)+ RIGHT_PAREN        #rowConstructor
  | LEFT_PAREN query RIGHT_PAREN                                           #subqueryExpression
  | functionName LEFT_PAREN ASTERISK RIGHT_PAREN filterClause? overClause? #functionStar
  | functionName LEFT_PAREN (setQuantifier? argument+=expression (COMMA argument+=expression)*)?
      RIGHT_PAREN filterClause? (nullsOption=(IGNORE | RESPECT) NULLS)? overClause?  #functionCall
  | value=primaryExpression LEFT_BRACKET index=valueExpression RIGHT_BRACKET  #subscript
  | identifier                                                             #columnReference
  | base=primaryExpression DOT fieldName=anyIdentifier                     #dereference
  | LEFT_PAREN expression RIGHT_PAREN                                      #parenthesizedExpression
  | primaryExpression DOUBLE_COLON dataType                                #castByColon
  ;

whenClause: WHEN condition=expression THEN result=expression;

filterClause: FILTER LEFT_PAREN WHERE booleanExpression RIGHT_PAREN;

overClause
  : OVER windowName=identifier
  | OVER LEFT_PAREN windowRef=identifier RIGHT_PAREN
  | OVER windowSpec
  ;

windowSpec
  : LEFT_PAREN
      (PARTITION BY partition+=expression (COMMA partition+=expression)*)?
      (ORDER BY sortItem (COMMA sortItem)*)?
      windowFrame?
    RIGHT_PAREN
  ;

windowFrame
  : frameType=(RANGE | ROWS) start=frameBound
  | frameType=(RANGE | ROWS) BETWEEN start=frameBound AND end=frameBound
  ;

frameBound
  : UNBOUNDED boundType=(PRECEDING | FOLLOWING)
  | CURRENT ROW
  | valueExpression boundType=(PRECEDING | FOLLOWING)
  ;

functionName: qualifiedName;

constant
  : NULL                                                                   #nullLiteral
  | interval                                                               #intervalLiteral
  | literalType=(DATE | TIMESTAMP | TIMESTAMP_LTZ | TIMESTAMP_NTZ) stringLit  #typedLiteral
  | number                                                                 #numericLiteral
  | booleanValue                                                           #booleanLiteral
  | stringLit+                                                             #stringLiteral
  | HEX_LITERAL                                                            #binaryLiteral
  ;

interval
  : INTERVAL (intervalValue intervalUnit)+                                 #multiUnitsInterval
  | INTERVAL intervalValue from=intervalUnit TO to=intervalUnit            #unitToUnitInterval
  | INTERVAL stringLit                                                     #stringInterval
  ;

intervalValue: (PLUS | MINUS)? (INTEGER_VALUE | DECIMAL_VALUE | stringLit);

intervalUnit
  : YEAR | YEARS | MONTH | MONTHS | WEEK | WEEKS | DAY | DAYS | HOUR | HOURS | MINUTE | MINUTES
  | SECOND | SECONDS | MILLISECOND | MILLISECONDS | MICROSECOND | MICROSECONDS
  ;

booleanValue: TRUE | FALSE;

stringLit: STRING_LITERAL | DOUBLEQUOTED_STRING;

number
  : MINUS? EXPONENT_VALUE                                                  #exponentLiteral
  | MINUS? DECIMAL_VALUE                                                   #decimalLiteral
  | MINUS? INTEGER_VALUE                                                   #integerLiteral
  | MINUS? BIGINT_LITERAL                                                  #bigIntLiteral
  | MINUS? SMALLINT_LITERAL                                                #smallIntLiteral
  | MINUS? TINYINT_LITERAL                                                 #tinyIntLiteral
  | MINUS? DOUBLE_LITERAL                                                  #doubleLiteral
  | MINUS? FLOAT_LITERAL                                                   #floatLiteral
  | MINUS? BIGDECIMAL_LITERAL                                              #bigDecimalLiteral
  ;

// ---------------------------------------------------------------- types

dataType
  : ARRAY LT dataType GT                                                   #arrayDataType
  | MAP LT dataType COMMA dataType GT                                      #mapDataType
  | STRUCT (LT complexColTypeList? GT | NEQ)                               #structDataType
  | typeName=primitiveTypeName (LEFT_PAREN INTEGER_VALUE (COMMA INTEGER_VALUE)* RIGHT_PAREN)?  #primitiveDataType
  ;

// INT, STRING, DECIMAL, ... are plain identifiers; the AstBuilder knows the names.
primitiveTypeName: IDENTIFIER | DATE | TIMESTAMP | TIMESTAMP_LTZ | TIMESTAMP_NTZ;

complexColTypeList: complexColType (COMMA complexColType)*;

complexColType: name=anyIdentifier COLON? dataType (NOT NULL)? commentSpec?;

colTypeList: colType (COMMA colType)*;

colType: name=anyIdentifier dataType (NOT NULL)? commentSpec?;

commentSpec: COMMENT stringLit;

// ---------------------------------------------------------------- identifiers

multipartIdentifier: identifier (DOT anyIdentifier)*;

qualifiedName: identifier (DOT anyIdentifier)*;

identifier
  : strictIdentifier
  | strictNonReserved
  ;

strictIdentifier
  : IDENTIFIER                                                             #unquotedIdentifier
  | BACKQUOTED_IDENTIFIER                                                  #quotedIdentifier
  | nonReserved                                                            #unquotedIdentifier
  ;

/** Any word: after a dot, as a struct field or column name in DDL, as an option key. */
anyIdentifier
  : identifier
  | reserved
  ;

strictNonReserved
  : ALL | ANTI | CROSS | EXCEPT | FULL | INNER | INTERSECT | JOIN | LATERAL | LEFT | MINUS_KW | NATURAL | ON
  | OUTER | RIGHT | SEMI | UNION | USING
  ;

reserved
  : AND | AS | BETWEEN | BY | CASE | CAST | DISTINCT | ELSE | END | EXISTS | FALSE | FROM
  | GROUP | HAVING | IN | IS | LIMIT | NOT | NULL | OR | ORDER | SELECT | TABLE | THEN | TRUE
  | WHEN | WHERE | WITH
  ;

nonReserved
  : ANY | ARRAY | ASC | BOTH | COMMENT | CREATE | CUBE | CURRENT | DATE | DAY | DAYS | DELAY | DESC | DIV
  | DESCRIBE | DROP | ESCAPE | EXPLAIN | EXTENDED | EXTRACT | FILTER | FIRST | FOLLOWING | FOR | FORMATTED | FUNCTION | FUNCTIONS
  | GLOBAL | GROUPING | HOUR | HOURS | IF | IGNORE | ILIKE | INSERT | INTERVAL | INTO | LAST | LEADING | LIKE
  | LOCATION | MAP | MICROSECOND | MICROSECONDS | MILLISECOND | MILLISECONDS | MINUTE | MINUTES
  | MONTH | MONTHS | NULLS | OF | OPTIONS | OVER | PARTITION | POSITION | PRECEDING | QUERY | RANGE
  | REGEXP | REPLACE | RESPECT | RLIKE | ROLLUP | ROW | ROWS | SECOND | SECONDS | SET | SETS | SHOW | SOME | STREAM
  | STRUCT
  | SUBSTR | SUBSTRING | SYSTEM | TEMP | TEMPORARY | TIMESTAMP | TIMESTAMP_LTZ | TIMESTAMP_NTZ | TO
  | TRAILING | TRIM | TRY_CAST | UNBOUNDED | UNKNOWN | USER | VALUES | VIEW | WATERMARK | WEEK | WEEKS | WINDOW
  | YEAR | YEARS
  ;
