package dev.sluice.plan.logical;

import dev.sluice.plan.expr.AttributeReference;
import java.util.List;

/** A table or view by name, to be looked up in the catalog; {@code stream} when read with STREAM(...). */
public final class UnresolvedRelation extends LeafNode {
  private final List<String> nameParts;
  private final boolean stream;

  public UnresolvedRelation(List<String> nameParts, boolean stream) {
    this.nameParts = List.copyOf(nameParts);
    this.stream = stream;
  }

  public List<String> nameParts() {
    return nameParts;
  }

  public String name() {
    return String.join(".", nameParts);
  }

  public boolean stream() {
    return stream;
  }

  @Override
  public List<AttributeReference> output() {
    return List.of();
  }

  @Override
  protected boolean computeResolved() {
    return false;
  }

  @Override
  protected List<Object> args() {
    return List.of(nameParts, stream);
  }
}
