package dev.sluice.fs;

import java.util.Locale;

/**
 * Path strings of the file connector: a local path ({@code /data/in}, {@code file:/data/in}) or a URI
 * with a scheme ({@code hdfs://nn:8020/data}, {@code s3a://bucket/data}). Paths always use {@code /}.
 */
public final class FilePaths {
  private FilePaths() {}

  /** The scheme in lower case, or {@code "file"} for a path without one. */
  public static String scheme(String path) {
    int colon = path.indexOf(':');
    if (colon <= 1) {
      return "file"; // no scheme, or a Windows drive letter
    }
    for (int i = 0; i < colon; i++) {
      char c = path.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) {
        return "file";
      }
    }
    return path.substring(0, colon).toLowerCase(Locale.ROOT);
  }

  /** {@code parent/child}, with exactly one slash between them. */
  public static String join(String parent, String child) {
    if (parent.endsWith("/")) {
      return parent + child;
    }
    return parent + "/" + child;
  }

  public static String name(String path) {
    String p = stripSlash(path);
    int i = p.lastIndexOf('/');
    return i < 0 ? p : p.substring(i + 1);
  }

  /** The parent path, or null at a root. */
  public static String parent(String path) {
    String p = stripSlash(path);
    int i = p.lastIndexOf('/');
    if (i < 0) {
      return null;
    }
    String parent = p.substring(0, i);
    if (parent.isEmpty() || parent.endsWith(":") || parent.endsWith(":/")) {
      return parent + "/";
    }
    return parent;
  }

  public static String stripSlash(String path) {
    String p = path;
    while (p.length() > 1 && p.endsWith("/") && !p.endsWith("://")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  /** The path of {@code child} relative to folder {@code root}, or null when it is not inside it. */
  public static String relativize(String root, String child) {
    String r = stripSlash(root);
    if (child.startsWith(r + "/")) {
      return child.substring(r.length() + 1);
    }
    return null;
  }

  /** Whether a file or folder name is hidden from readers: names starting with '.' or '_'. */
  public static boolean isHidden(String name) {
    return name.startsWith(".") || name.startsWith("_");
  }
}
