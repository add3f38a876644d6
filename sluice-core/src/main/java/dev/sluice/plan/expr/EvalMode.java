package dev.sluice.plan.expr;

/** How arithmetic and casts treat invalid results: raise (ANSI), wrap or NULL (legacy), or NULL (try_*). */
public enum EvalMode {
  ANSI, LEGACY, TRY;

  public static EvalMode fromAnsi(boolean ansi) {
    return ansi ? ANSI : LEGACY;
  }
}
