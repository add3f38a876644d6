package dev.sluice.plan.expr;

import dev.sluice.types.DataType;
import java.util.List;

/** A resolved reference to a column produced by a child plan, identified by its {@link ExprId}. */
public final class AttributeReference extends LeafExpression implements NamedExpression {
  private final String name;
  private final DataType dataType;
  private final boolean nullable;
  private final ExprId exprId;
  private final List<String> qualifier;
  /** Event-time watermark delay in micros when this column is a watermarked event time, else null. */
  private final Long watermarkDelayMicros;

  public AttributeReference(String name, DataType dataType, boolean nullable, ExprId exprId, List<String> qualifier,
      Long watermarkDelayMicros) {
    this.name = name;
    this.dataType = dataType;
    this.nullable = nullable;
    this.exprId = exprId;
    this.qualifier = qualifier == null ? List.of() : List.copyOf(qualifier);
    this.watermarkDelayMicros = watermarkDelayMicros;
  }

  public AttributeReference(String name, DataType dataType, boolean nullable, ExprId exprId, List<String> qualifier) {
    this(name, dataType, nullable, exprId, qualifier, null);
  }

  /** The watermark delay (micros) when this is a watermarked event-time column, else null. */
  public Long watermarkDelayMicros() {
    return watermarkDelayMicros;
  }

  public AttributeReference withWatermarkDelay(Long delayMicros) {
    return new AttributeReference(name, dataType, nullable, exprId, qualifier, delayMicros);
  }

  public static AttributeReference create(String name, DataType type, boolean nullable) {
    return new AttributeReference(name, type, nullable, ExprId.next(), List.of());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public DataType dataType() {
    return dataType;
  }

  @Override
  public boolean nullable() {
    return nullable;
  }

  @Override
  public ExprId exprId() {
    return exprId;
  }

  public List<String> qualifier() {
    return qualifier;
  }

  public AttributeReference withQualifier(List<String> q) {
    return new AttributeReference(name, dataType, nullable, exprId, q, watermarkDelayMicros);
  }

  public AttributeReference withName(String n) {
    return new AttributeReference(n, dataType, nullable, exprId, qualifier, watermarkDelayMicros);
  }

  public AttributeReference withNullability(boolean n) {
    return n == nullable ? this : new AttributeReference(name, dataType, n, exprId, qualifier, watermarkDelayMicros);
  }

  public AttributeReference withExprId(ExprId id) {
    return new AttributeReference(name, dataType, nullable, id, qualifier, watermarkDelayMicros);
  }

  /** A new attribute with the same name and type but a fresh identity. */
  public AttributeReference newInstance() {
    return new AttributeReference(name, dataType, nullable, ExprId.next(), qualifier, watermarkDelayMicros);
  }

  @Override
  public AttributeReference toAttribute() {
    return this;
  }

  @Override
  public Expression asExpression() {
    return this;
  }

  @Override
  public String sql() {
    return name;
  }

  /** Attributes are the same column when their ids are equal; name and qualifier are cosmetic. */
  @Override
  public boolean equals(Object o) {
    return o instanceof AttributeReference a && a.exprId.equals(exprId);
  }

  @Override
  public int hashCode() {
    return exprId.hashCode();
  }

  @Override
  public String toString() {
    return name + exprId;
  }
}
