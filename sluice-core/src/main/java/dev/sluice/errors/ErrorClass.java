package dev.sluice.errors;

/**
 * The catalog of user-facing errors. Each has a stable name (tests assert the class, people read the
 * message), a SQLSTATE and a message template whose {@code <name>} placeholders are filled in order.
 * Names follow Spark's error classes where Spark has one, so users can search for them.
 */
public enum ErrorClass {
  // ---- analysis
  UNRESOLVED_COLUMN("42703", "A column or function parameter with name <name> cannot be resolved. Did you mean one of the following? [<candidates>]"),
  AMBIGUOUS_REFERENCE("42704", "Reference <name> is ambiguous, could be: [<candidates>]. Qualify it with a table alias."),
  TABLE_OR_VIEW_NOT_FOUND("42P01", "The table or view <name> cannot be found. Register it with createOrReplaceTempView or CREATE TABLE, or check the spelling. Known: [<known>]"),
  UNRESOLVED_ROUTINE("42883", "Cannot resolve function <name>: it is not a known built-in function. <hint>"),
  DATATYPE_MISMATCH("42K09", "Cannot resolve <expr> due to data type mismatch: <detail>"),
  WRONG_NUM_ARGS("42605", "The function <name> requires <expected> parameters but the actual number is <actual>."),
  MISSING_AGGREGATION("42803", "The non-aggregating expression <expr> is based on columns which are not participating in the GROUP BY clause. Add the columns or the expression to the GROUP BY, or aggregate the expression, e.g. first(<expr>)."),
  WINDOW_FUNCTION_WITHOUT_OVER_CLAUSE("42601", "Window function <name> requires an OVER clause, e.g. <example>."),
  NESTED_AGGREGATE_FUNCTION("42607", "It is not allowed to use an aggregate function in the argument of another aggregate function: <expr>."),
  UNSUPPORTED_GENERATOR("42K0E", "The generator is not supported: <detail>"),
  UDTF_ALIAS_NUMBER_MISMATCH("42802", "The number of aliases supplied in the AS clause does not match the number of columns output by <generator>. Expected <expected> aliases, but got <actual>."),
  INVALID_AGGREGATE_FILTER("42903", "The FILTER expression <filter> in an aggregate function is invalid (<subclass>): <detail>."),
  AGGREGATE_IN_WHERE("42903", "Aggregate functions are not allowed in WHERE: <expr>. Use HAVING, or compute the aggregate in a subquery."),
  INVALID_SUBQUERY_EXPRESSION("42823", "Invalid subquery (<subclass>): <detail>"),
  UNSUPPORTED_SUBQUERY_EXPRESSION_CATEGORY("0A000", "Unsupported subquery expression (<subclass>): <detail>"),
  INVALID_ARGUMENT("22023", "Invalid argument for <name>: <detail>"),
  UNSUPPORTED_GROUPING_EXPRESSION("42K0E", "grouping()/grouping_id() can only be used with GroupingSets/Cube/Rollup: <expr>. Group by CUBE(...), ROLLUP(...) or GROUPING SETS (...) to use it."),
  GROUPING_COLUMN_MISMATCH("42803", "Column of grouping (<grouping>) can't be found in grouping columns <groupingColumns>."),
  GROUPING_ID_COLUMN_MISMATCH("42803", "Columns of grouping_id (<groupingIdColumn>) does not match grouping columns (<groupByColumns>). Pass all the grouping columns in their order, or none."),
  GROUPING_SIZE_LIMIT_EXCEEDED("54000", "Grouping sets size cannot be greater than <maxSize>."),
  UNRESOLVED_ALL_IN_GROUP_BY("42803", "Cannot infer grouping columns for GROUP BY ALL based on the select clause. Please explicitly specify the grouping columns."),
  UNION_COLUMN_MISMATCH("42826", "<op> can only be performed on inputs with the same number of columns, but the first input has <left> columns and input <index> has <right> columns."),
  INVALID_SCHEMA("42K07", "The schema <schema> is not valid: <detail>"),
  UNSUPPORTED_FEATURE("0A000", "The feature is not supported: <detail>"),
  COLUMN_ALREADY_EXISTS("42711", "The column <name> already exists. Choose another name or rename the existing column."),
  INVALID_OPTION("42K06", "Invalid option <name> = <value>: <detail>"),
  MISSING_OPTION("42K06", "The <what> requires option <name>: <detail>"),
  UNKNOWN_FORMAT("42K05", "Unknown data source format <name>. Available formats: <known>."),
  CONFIG_INVALID("22023", "The configuration <name> has an invalid value <value>: <detail>"),
  PARSE_SYNTAX_ERROR("42601", "Syntax error at or near <token> (line <line>, position <pos>): <detail>"),

  // ---- streaming checks
  STREAMING_OUTPUT_MODE_UNSUPPORTED("42KDE", "Invalid streaming output mode: <mode>. This output mode is not supported for <what> on streaming DataFrames/Datasets. <fix>",
      "STREAMING_OUTPUT_MODE.UNSUPPORTED_OPERATION"),
  // Spark raises these with an unnamed legacy class.
  STREAMING_UNSUPPORTED_OPERATION("42KDE", "<detail>", "_LEGACY_ERROR_TEMP_3102"),
  NON_TIME_WINDOW_NOT_SUPPORTED_IN_STREAMING("42KDE", "Window function is not supported in <expr> on streaming DataFrames/Datasets. Use a time window (window(...)) aggregation instead."),
  STREAM_REQUIRED("42KDE", "<detail>"),
  BATCH_REQUIRED("42KDE", "<detail>"),

  // ---- runtime
  ARITHMETIC_OVERFLOW("22003", "<type> overflow in <expr>.<alternative> If necessary set \"sluice.sql.ansi.enabled\" to \"false\" to bypass this error."),
  DIVIDE_BY_ZERO("22012", "Division by zero in <expr>. Use `try_divide` to tolerate divisor being 0 and return NULL instead. If necessary set \"sluice.sql.ansi.enabled\" to \"false\" to bypass this error."),
  CAST_INVALID_INPUT("22018", "The value <value> of the type \"<from>\" cannot be cast to \"<to>\" because it is malformed. Correct the value as per the syntax, or change its target type. Use `try_cast` to tolerate malformed input and return NULL instead."),
  RESULT_OUT_OF_RANGE("22003", "The result of <expr> is out of the range of <type> (<detail>). Pass smaller values, or filter the rows that give them."),
  CAST_OVERFLOW("22003", "The value <value> of the type \"<from>\" cannot be cast to \"<to>\" due to an overflow. Use `try_cast` to tolerate overflow and return NULL instead."),
  INVALID_ARRAY_INDEX("22003", "The index <index> is out of bounds. The array has <size> elements. Use the SQL function get() to tolerate accessing element at invalid index and return NULL instead. If necessary set \"sluice.sql.ansi.enabled\" to \"false\" to bypass this error."),
  SCALAR_SUBQUERY_TOO_MANY_ROWS("21000", "More than one row returned by a subquery used as an expression: <detail>"),
  COLLECTION_SIZE_LIMIT_EXCEEDED("54000", "Can't create array with <numberOfElements> elements which exceeding the array size limit <maxRoundedArrayLength> (<subclass>): <detail>."),
  STRING_SIZE_LIMIT_EXCEEDED("54000", "Can't create a string of <length> characters in the function <functionName>: it exceeds the limit of <limit> characters, <why>. Pass smaller arguments, or build the value in parts."),
  NUMERIC_VALUE_OUT_OF_RANGE("22003", "The value <value> cannot be represented as <type> in <expr>. Use try_cast or a wider type, or set \"sluice.sql.ansi.enabled\" to \"false\" to return NULL instead."),

  // ---- files
  MALFORMED_RECORD_IN_PARSING("22023", "Malformed records are detected in record parsing: <detail>. Parse mode: FAILFAST. To process malformed records as null result, try setting the option 'mode' as 'PERMISSIVE'."),
  PATH_NOT_FOUND("42K03", "Path does not exist: <path>."),
  PATH_ALREADY_EXISTS("42K04", "Path <path> already exists. Set mode as \"overwrite\" to overwrite the existing path, or \"append\" to add files to it."),
  UNABLE_TO_INFER_SCHEMA("42KD9", "Unable to infer schema for <format>: <detail>. It must be specified manually, with schema(...) or the column list of CREATE TABLE."),
  FAILED_READ_FILE("KD001", "Encountered error while reading file <path>: <detail>"),
  RECORD_LIMIT_EXCEEDED("54000", "A valid <format> record goes past a limit of the reader: <detail>. <fix>"),
  TASK_WRITE_FAILED("58030", "Task failed while writing rows to <path>: <detail>"),

  // ---- checkpoints
  CHECKPOINT_WRITE_FAILED("58030", "Cannot write the checkpoint file <file>: <detail>. Check that the file system holding the checkpoint has free space and is writable; the query resumes from its checkpoint once it is."),
  CHECKPOINT_UNUSABLE("XXKST", "Cannot use the checkpoint file <file>: <problem>. Sluice never silently resets a checkpoint: restore the file, or start the query with a new checkpointLocation to begin from scratch."),

  // ---- state
  STATE_STORE_MEMORY_LIMIT_EXCEEDED("53200", "The in-memory state of streaming queries would grow to about <size> (<keys> keys in this store), more than its budget of <budget> (<config>, by default half the heap). Keep state on disk with the RocksDB provider: set sluice.sql.streaming.stateStore.providerClass to rocksdb (module dev.sluice:sluice-state-rocksdb); or bound the state (a watermark, fewer distinct keys), or raise the budget or the heap (-Xmx)."),

  // ---- connectors
  KAFKA_DATA_LOSS("22000", "<detail> Some data may have been lost because it is not available in Kafka any more: it was aged out by retention, or the topic was deleted or re-created before all of it was processed. If such loss is acceptable, set the source option failOnDataLoss to false: the query then skips the missing offsets with a warning."),
  KAFKA_UNREACHABLE("08001", "Cannot reach the Kafka cluster at <servers> (<what>) within <timeout> ms: <detail>. Check kafka.bootstrap.servers, that a broker runs and listens there, and the network in between; ./sluice kafka-dev starts a local broker."),

  // ---- query lifecycle
  STREAM_FAILED("XXKST", "Query <name> [id = <id>, runId = <runId>] terminated with exception: <cause>"),
  QUERY_ALREADY_ACTIVE("42K03", "A query with name <name> is already active in this session. Stop it first or choose another queryName."),
  QUERY_RUN_ALREADY_ACTIVE("55000", "Cannot start query with id <id>: another run of it (runId <runId>) is already active in this session and uses its checkpoint. Stop that run first, or set <conf> to true to have it stopped."),
  INTERNAL_ERROR("XX000", "<detail>");

  private final String sqlState;
  private final String template;
  private final java.util.List<String> sparkNames;

  /** @param sparkNames Spark's names for the same error where they are not this one's (a sub-class, a legacy class) */
  ErrorClass(String sqlState, String template, String... sparkNames) {
    this.sqlState = sqlState;
    this.template = template;
    this.sparkNames = java.util.List.of(sparkNames);
  }

  /**
   * Whether Spark's error class {@code spark} (as Spark reports it, {@code CLASS} or
   * {@code CLASS.SUB_CLASS}) is this error: the same name, this name with a sub-class, or one of the
   * names Spark gives the same error.
   */
  public boolean isSparks(String spark) {
    int dot = spark.indexOf('.');
    return spark.equals(name()) || (dot > 0 && spark.substring(0, dot).equals(name())) || sparkNames.contains(spark);
  }

  public String sqlState() {
    return sqlState;
  }

  /** The alternative ARITHMETIC_OVERFLOW suggests where a {@code try_} form of the operation exists. */
  public static String tryInstead(String op) {
    return " Use 'try_" + op + "' to tolerate overflow and return NULL instead.";
  }

  /** Fills the template's placeholders in order with the given values. */
  public String format(Object... args) {
    StringBuilder sb = new StringBuilder();
    int argi = 0;
    int i = 0;
    while (i < template.length()) {
      char c = template.charAt(i);
      if (c == '<') {
        int close = template.indexOf('>', i);
        if (close > i && argi < args.length && template.substring(i + 1, close).matches("[a-zA-Z]+")) {
          sb.append(args[argi++]);
          i = close + 1;
          continue;
        }
      }
      sb.append(c);
      i++;
    }
    return "[" + name() + "] " + sb;
  }
}
