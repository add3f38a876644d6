package dev.sluice.plan.expr;

/**
 * Computes foldable expressions at planning time: the analyzer reads constant arguments (a regex
 * pattern, a time-zone name, a JSON path) and the optimizer folds constant sub-expressions through
 * it. The execution layer implements it with the same evaluators that run queries, so a constant
 * folds to exactly what the query would have computed.
 */
@FunctionalInterface
public interface ConstantEvaluation {
  /** The internal value of a foldable expression; an error the expression raises (1/0 under ANSI) propagates. */
  Object value(Expression foldable);

  /** The expression replaced by a literal of its value. */
  default Literal fold(Expression foldable) {
    return new Literal(value(foldable), foldable.dataType());
  }
}
