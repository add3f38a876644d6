package dev.sluice.plan.analysis;

import dev.sluice.plan.logical.LogicalPlan;
import java.util.List;

/** Where the analyzer finds tables and views by name (case-insensitive). */
public interface Catalog {
  /**
   * The analyzed plan of a relation, or null when unknown. {@code asStream} is true for
   * {@code STREAM(name)}: a connector-backed table is then read as a stream.
   */
  LogicalPlan lookupRelation(List<String> nameParts, boolean asStream);

  /** Known relation names, for error messages. */
  List<String> relationNames();
}
