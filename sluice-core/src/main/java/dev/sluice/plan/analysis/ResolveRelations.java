package dev.sluice.plan.analysis;

import dev.sluice.errors.AnalysisException;
import dev.sluice.errors.ErrorClass;
import dev.sluice.plan.logical.LogicalPlan;
import dev.sluice.plan.logical.SubqueryAlias;
import dev.sluice.plan.logical.UnresolvedRelation;

/**
 * {@code FROM t}: looks the relation up in the catalog (temporary views, tables, streams) and names
 * it by its last name part, so {@code db.t} is read as {@code t.col}. An unknown name lists the
 * relations that exist.
 */
final class ResolveRelations extends ResolutionRule {
  private final Catalog catalog;

  ResolveRelations(Catalog catalog) {
    this.catalog = catalog;
  }

  @Override
  protected LogicalPlan resolve(LogicalPlan p) {
    return p instanceof UnresolvedRelation r ? resolveRelation(r) : null;
  }

  private LogicalPlan resolveRelation(UnresolvedRelation r) {
    LogicalPlan found = catalog.lookupRelation(r.nameParts(), r.stream());
    if (found == null) {
      throw new AnalysisException(ErrorClass.TABLE_OR_VIEW_NOT_FOUND, "`" + r.name() + "`",
          String.join(", ", catalog.relationNames()));
    }
    String alias = r.nameParts().get(r.nameParts().size() - 1);
    return new SubqueryAlias(alias, found);
  }
}
