package dev.sluice.api.internals;

import dev.sluice.plan.analysis.Catalog;
import dev.sluice.plan.logical.LogicalPlan;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Temp views and connector tables of a session. A view maps to an analyzed plan (or a supplier, for
 * views whose content changes, like a memory sink's); a table is resolved by a function of
 * "read as stream?".
 */
public final class SessionCatalog implements Catalog {
  private final Map<String, Function<Boolean, LogicalPlan>> relations = new ConcurrentHashMap<>();
  private final Map<String, String> displayNames = new ConcurrentHashMap<>();
  /** Resolves names that are not registered, e.g. {@code json.`/data/in`} (a format and a path); may return null. */
  private volatile java.util.function.BiFunction<List<String>, Boolean, LogicalPlan> fallback;

  public void setFallback(java.util.function.BiFunction<List<String>, Boolean, LogicalPlan> fallback) {
    this.fallback = fallback;
  }

  public void registerView(String name, LogicalPlan plan) {
    register(name, asStream -> plan);
  }

  public void register(String name, Function<Boolean, LogicalPlan> resolver) {
    String k = name.toLowerCase(Locale.ROOT);
    relations.put(k, resolver);
    displayNames.put(k, name);
  }

  public boolean drop(String name) {
    String k = name.toLowerCase(Locale.ROOT);
    displayNames.remove(k);
    return relations.remove(k) != null;
  }

  public boolean exists(String name) {
    return relations.containsKey(name.toLowerCase(Locale.ROOT));
  }

  @Override
  public LogicalPlan lookupRelation(List<String> nameParts, boolean asStream) {
    String k = String.join(".", nameParts).toLowerCase(Locale.ROOT);
    Function<Boolean, LogicalPlan> r = relations.get(k);
    if (r == null && nameParts.size() > 1) {
      r = relations.get(nameParts.get(nameParts.size() - 1).toLowerCase(Locale.ROOT));
    }
    if (r == null) {
      var f = fallback;
      return f == null ? null : f.apply(nameParts, asStream);
    }
    return r.apply(asStream);
  }

  @Override
  public List<String> relationNames() {
    List<String> out = new ArrayList<>(displayNames.values());
    Collections.sort(out);
    return out;
  }
}
