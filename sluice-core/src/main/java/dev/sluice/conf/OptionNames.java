package dev.sluice.conf;

import dev.sluice.util.Warnings;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches misspelled option and configuration names, which would otherwise be silently ignored
 * ({@code rowsPerSecnd}, {@code sluice.sql.shuffle.partitons}): an unknown key is warned about
 * (see {@link Warnings}) with the nearest known key by edit distance. Names compare without case,
 * as options do. Keys with a dot in a connector's options are namespaced settings handed on to
 * other systems (file systems, Kafka clients) and are not checked.
 */
public final class OptionNames {
  private static final Logger LOG = LoggerFactory.getLogger(OptionNames.class);

  private OptionNames() {}

  /** The Levenshtein distance between two names, ignoring case. */
  public static int distance(String a, String b) {
    String x = a.toLowerCase(Locale.ROOT);
    String y = b.toLowerCase(Locale.ROOT);
    int[] prev = new int[y.length() + 1];
    int[] cur = new int[y.length() + 1];
    for (int j = 0; j <= y.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= x.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= y.length(); j++) {
        int sub = prev[j - 1] + (x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[y.length()];
  }

  /** The known name nearest to {@code name}, or null when none is near enough to be a typo of it. */
  public static String nearest(String name, Collection<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(name, k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= Math.max(2, name.length() / 3) ? best : null;
  }

  /**
   * Warns about every key of {@code options} that {@code known} lacks (ignoring case; keys with a dot
   * are not checked), naming the nearest known one. {@code what} names the reader or writer, e.g.
   * "the rate source".
   */
  public static void checkOptions(String what, Map<String, String> options, Collection<String> known) {
    for (String key : options.keySet()) {
      if (key.indexOf('.') >= 0 || containsIgnoreCase(known, key)) {
        continue;
      }
      String near = nearest(key, known);
      Warnings.warn(LOG, "Unknown option '" + key + "' for " + what + " is ignored"
          + (near != null ? "; did you mean '" + near + "'?" : "; known options: " + String.join(", ", known)));
    }
  }

  private static boolean containsIgnoreCase(Collection<String> names, String key) {
    for (String n : names) {
      if (n.equalsIgnoreCase(key)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Warns when a session configuration key in Sluice's or Spark SQL's namespace ({@code sluice.*},
   * {@code spark.sql.*}) is not one Sluice reads, naming the nearest known key in the spelling used
   * ({@code spark.} or {@code sluice.}).
   */
  static void checkConf(String key, Collection<String> knownSluiceKeys, Collection<String> otherKnownKeys,
      Collection<String> handedOnPrefixes) {
    boolean spark = key.startsWith("spark.");
    if (!(key.startsWith("sluice.") || key.startsWith("spark.sql."))) {
      return;
    }
    String canonical = SluiceConf.canonicalKey(key);
    if (knownSluiceKeys.contains(canonical) || otherKnownKeys.contains(canonical)) {
      return;
    }
    for (String p : handedOnPrefixes) {
      if (canonical.startsWith(p)) {
        return;
      }
    }
    String near = nearest(canonical, knownSluiceKeys);
    String shown = near == null ? null : spark ? "spark." + near.substring("sluice.".length()) : near;
    Warnings.warn(LOG, "Unknown configuration '" + key + "' is ignored"
        + (shown != null ? "; did you mean '" + shown + "'?" : ": Sluice does not read it (see SluiceConf for the "
            + "settings there are)"));
  }
}
