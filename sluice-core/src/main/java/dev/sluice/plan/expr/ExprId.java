package dev.sluice.plan.expr;

import java.util.concurrent.atomic.AtomicLong;

/** Identity of a named value in a plan: two attributes are the same column iff their ids are equal. */
public record ExprId(long id) {
  private static final AtomicLong NEXT = new AtomicLong();

  public static ExprId next() {
    return new ExprId(NEXT.incrementAndGet());
  }

  // equals and hashCode written out, here and in the few other records compared on the way to a
  // query's first batch: a record's generated ones are bootstrapped through
  // java.lang.runtime.ObjectMethods on first use, which costs tens of milliseconds of method-handle
  // setup at startup.
  @Override
  public boolean equals(Object o) {
    return o instanceof ExprId e && e.id == id;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(id);
  }

  @Override
  public String toString() {
    return "#" + id;
  }
}
