package dev.sluice.exec;

import dev.sluice.plan.expr.Alias;
import dev.sluice.plan.expr.AttributeReference;
import dev.sluice.plan.expr.Expression;
import dev.sluice.plan.expr.SortOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Sort orders within a partition, as physical properties: what an operator's output partitions are
 * sorted by ({@link PhysicalPlan#outputOrdering()}) and what it needs of its input
 * ({@link PhysicalPlan#requiredChildOrdering()}).
 */
public final class Orderings {
  private Orderings() {}

  /**
   * Whether rows sorted by {@code actual} are also sorted by {@code required}: {@code required} is a
   * prefix of {@code actual}, key by key the same deterministic expression, direction and place of NULLs
   * (two evaluations of {@code rand()} are not the same values). Nothing required is always met.
   */
  public static boolean satisfies(List<SortOrder> actual, List<SortOrder> required) {
    if (required.size() > actual.size()) {
      return false;
    }
    for (int i = 0; i < required.size(); i++) {
      SortOrder a = actual.get(i);
      SortOrder r = required.get(i);
      if (a.ascending() != r.ascending() || a.nullsFirst() != r.nullsFirst() || !a.child().equals(r.child())
          || !r.child().deterministic()) {
        return false;
      }
    }
    return true;
  }

  /**
   * An ordering as seen through an operator that outputs {@code output}: the longest prefix whose keys
   * read only attributes still in the output (a sort by (a, b) is still a sort by a once b is gone).
   */
  public static List<SortOrder> through(List<SortOrder> ordering, List<AttributeReference> output) {
    int keep = 0;
    while (keep < ordering.size() && output.containsAll(ordering.get(keep).child().references())) {
      keep++;
    }
    return keep == ordering.size() ? ordering : List.copyOf(ordering.subList(0, keep));
  }

  /**
   * An ordering through a projection: a key the projection computes under an alias ({@code a + 1 AS x}
   * over rows sorted by {@code a + 1}) becomes a key on the alias's attribute; then as {@link #through}.
   */
  public static List<SortOrder> throughProjection(List<SortOrder> ordering, List<? extends Expression> projectList,
      List<AttributeReference> output) {
    if (ordering.isEmpty()) {
      return ordering;
    }
    List<SortOrder> mapped = new ArrayList<>(ordering.size());
    for (SortOrder o : ordering) {
      Expression key = o.child();
      if (!(key instanceof AttributeReference && output.contains(key)) && projectList.size() == output.size()) {
        for (int i = 0; i < projectList.size(); i++) {
          if (projectList.get(i) instanceof Alias a && a.child().equals(key) && key.deterministic()) {
            key = output.get(i);
            break;
          }
        }
      }
      mapped.add(key == o.child() ? o : new SortOrder(key, o.ascending(), o.nullsFirst()));
    }
    return through(mapped, output);
  }

  /** Ascending keys, NULLs first (Spark's default for a window's PARTITION BY or a merge's grouping keys). */
  public static List<SortOrder> ascending(List<? extends Expression> keys) {
    List<SortOrder> out = new ArrayList<>(keys.size());
    for (Expression k : keys) {
      out.add(SortOrder.asc(k));
    }
    return out;
  }
}
