package dev.sluice.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An immutable tree node: the one implementation of traversal and rewriting shared by expressions,
 * logical plans and physical plans (as Spark's TreeNode). A rewrite rebuilds only the path from a
 * changed node to the root; unchanged subtrees are shared, and a rule that changes nothing returns
 * the same instance, which is how rule executors detect a fixed point cheaply.
 *
 * @param <T> the kind of tree (each node's children are of the same kind)
 */
public abstract class TreeNode<T extends TreeNode<T>> {

  public abstract List<T> children();

  /** This node with other children (same count and order); the node's own fields stay. */
  public abstract T withNewChildren(List<T> newChildren);

  /** 0 not yet known, 1 resolved, 2 not: nodes are immutable, so this is computed once per node. */
  private byte resolvedState;

  /**
   * Whether this node and everything below it is resolved (names, functions and types known; the
   * analyzer's notion, so a physical plan always is). Computed once per node by
   * {@link #computeResolved()} and remembered: rules ask every node on every pass, and recomputing
   * would walk the whole subtree each time.
   */
  public final boolean resolved() {
    byte r = resolvedState;
    if (r == 0) {
      r = computeResolved() ? (byte) 1 : (byte) 2;
      resolvedState = r;
    }
    return r == 1;
  }

  /** Whether this node is resolved given its children: what {@link #resolved()} remembers. */
  protected boolean computeResolved() {
    return childrenResolved();
  }

  public final boolean childrenResolved() {
    for (T c : children()) {
      if (!c.resolved()) {
        return false;
      }
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  private T self() {
    return (T) this;
  }

  /**
   * Rewrites bottom-up: children first, then {@code rule} on the node with its new children. The rule
   * returns the replacement, or {@code null} to keep the node.
   */
  public final T transformUp(Function<T, T> rule) {
    T self = self();
    List<T> cs = children();
    if (!cs.isEmpty()) {
      List<T> nc = new ArrayList<>(cs.size());
      boolean changed = false;
      for (T c : cs) {
        T n = c.transformUp(rule);
        changed |= n != c;
        nc.add(n);
      }
      if (changed) {
        self = withNewChildren(nc);
      }
    }
    T r = rule.apply(self);
    return r == null ? self : r;
  }

  /** Rewrites top-down: {@code rule} on the node first, then on the children of what it returned. */
  public final T transformDown(Function<T, T> rule) {
    T r = rule.apply(self());
    T self = r == null ? self() : r;
    List<T> cs = self.children();
    if (cs.isEmpty()) {
      return self;
    }
    List<T> nc = new ArrayList<>(cs.size());
    boolean changed = false;
    for (T c : cs) {
      T n = c.transformDown(rule);
      changed |= n != c;
      nc.add(n);
    }
    return changed ? self.withNewChildren(nc) : self;
  }

  /** Whether this node or a descendant satisfies {@code p} (stops at the first). */
  public final boolean exists(Predicate<? super T> p) {
    if (p.test(self())) {
      return true;
    }
    for (T c : children()) {
      if (c.exists(p)) {
        return true;
      }
    }
    return false;
  }

  /** Visits this node and its descendants, parents before children. */
  public final void foreach(Consumer<? super T> f) {
    f.accept(self());
    for (T c : children()) {
      c.foreach(f);
    }
  }

  /** The nodes of class {@code cls} in this tree, parents before children. */
  public final <C extends T> List<C> collect(Class<C> cls) {
    List<C> out = new ArrayList<>();
    foreach(n -> {
      if (cls.isInstance(n)) {
        out.add(cls.cast(n));
      }
    });
    return out;
  }

  public String nodeName() {
    return getClass().getSimpleName();
  }

  /** One line describing this node, for explain output. */
  public String simpleString() {
    return nodeName();
  }

  /** The whole tree, one node per line, children indented under their parent. */
  public String treeString() {
    StringBuilder sb = new StringBuilder();
    appendTree(sb, "", "");
    return sb.toString();
  }

  private void appendTree(StringBuilder sb, String prefix, String childPrefix) {
    sb.append(prefix).append(simpleString()).append('\n');
    List<T> cs = children();
    for (int i = 0; i < cs.size(); i++) {
      boolean last = i == cs.size() - 1;
      ((TreeNode<T>) cs.get(i)).appendTree(sb, childPrefix + (last ? "+- " : ":- "), childPrefix + (last ? "   " : ":  "));
    }
  }
}
