package dev.sluice.plan.logical;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import java.util.Locale;

/** The kinds of join, with the spellings Spark accepts in {@code join(other, on, how)}. */
public enum JoinType {
  INNER("Inner"), LEFT_OUTER("LeftOuter"), RIGHT_OUTER("RightOuter"), FULL_OUTER("FullOuter"),
  LEFT_SEMI("LeftSemi"), LEFT_ANTI("LeftAnti"), CROSS("Cross");

  private final String display;

  JoinType(String display) {
    this.display = display;
  }

  public String display() {
    return display;
  }

  public static JoinType parse(String how) {
    String h = how.toLowerCase(Locale.ROOT).replace("_", "");
    return switch (h) {
      case "inner" -> INNER;
      case "cross" -> CROSS;
      case "outer", "full", "fullouter" -> FULL_OUTER;
      case "left", "leftouter" -> LEFT_OUTER;
      case "right", "rightouter" -> RIGHT_OUTER;
      case "leftsemi", "semi" -> LEFT_SEMI;
      case "leftanti", "anti" -> LEFT_ANTI;
      default -> throw new SluiceException(ErrorClass.INVALID_ARGUMENT, "join type", "'" + how
          + "' is not a join type; use one of inner, cross, outer, full, fullouter, left, leftouter, right, "
          + "rightouter, leftsemi, semi, leftanti, anti");
    };
  }

  /** Whether rows of the left side that find no match are kept (padded with NULLs). */
  public boolean preservesLeft() {
    return this == LEFT_OUTER || this == FULL_OUTER;
  }

  /** Whether a stream-stream join must be able to evict the left side (outer and semi joins). */
  public boolean needsLeftBound() {
    return this == LEFT_OUTER || this == FULL_OUTER || this == LEFT_SEMI;
  }

  public boolean preservesRight() {
    return this == RIGHT_OUTER || this == FULL_OUTER;
  }

  /** Whether the output has only the left side's columns. */
  public boolean leftOnly() {
    return this == LEFT_SEMI || this == LEFT_ANTI;
  }
}
