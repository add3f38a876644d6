package dev.sluice.plan.expr;

import java.util.concurrent.atomic.AtomicLong;

/** Identity of a named value in a plan: two attributes are the same column iff their ids are equal. */
public record ExprId(long id) {
  private static final AtomicLong NEXT = new AtomicLong();

  public static ExprId next() {
    return new ExprId(NEXT.incrementAndGet());
  }

  @Override
  public String toString() {
    return "#" + id;
  }
}
