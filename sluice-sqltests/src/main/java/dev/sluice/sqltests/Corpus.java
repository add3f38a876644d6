package dev.sluice.sqltests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Spark's SQL test corpus, read from Spark's test jar ({@code org.apache.spark:spark-sql_2.13:<v>:tests})
 * where Spark publishes it: {@code sql-tests/inputs/**}/{@code *.sql} and their golden answers
 * {@code sql-tests/results/**}/{@code *.sql.out}, and the data files of the tables Spark's suite
 * creates. Nothing of it is kept in this repository.
 */
final class Corpus implements AutoCloseable {
  static final String VERSION = "4.0.1";
  static final String JAR_NAME = "spark-sql_2.13-" + VERSION + "-tests.jar";
  private static final String INPUTS = "sql-tests/inputs/";
  private static final String RESULTS = "sql-tests/results/";
  private static final String DATA = "test-data/postgresql/";

  private final Path jar;
  private final ZipFile zip;

  Corpus(Path jar) {
    this.jar = jar;
    try {
      this.zip = new ZipFile(jar.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the Spark test jar " + jar, e);
    }
  }

  /**
   * The jar: the given path, else where the module's build copies it
   * ({@code sluice-sqltests/target/spark-corpus/}), else the local Maven repository.
   */
  static Path locate(String explicit) {
    if (explicit != null) {
      return Path.of(explicit);
    }
    List<Path> candidates = List.of(
        Path.of("sluice-sqltests", "target", "spark-corpus", JAR_NAME),
        Path.of("target", "spark-corpus", JAR_NAME),
        Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "apache", "spark", "spark-sql_2.13",
            VERSION, JAR_NAME));
    for (Path p : candidates) {
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IllegalStateException("Spark's test jar " + JAR_NAME + " was not found in " + candidates
        + ". Build the module (mvn -Pspark-corpus -pl sluice-sqltests -am package -DskipTests), which fetches it, "
        + "or pass --jar PATH.");
  }

  Path jar() {
    return jar;
  }

  /** Every input file, as a path relative to {@code sql-tests/inputs/}, sorted. */
  List<String> inputs() {
    List<String> out = new ArrayList<>();
    for (ZipEntry e : Collections.list(zip.entries())) {
      String n = e.getName();
      if (n.startsWith(INPUTS) && n.endsWith(".sql") && !e.isDirectory()) {
        out.add(n.substring(INPUTS.length()));
      }
    }
    Collections.sort(out);
    return out;
  }

  String input(String name) {
    return text(INPUTS + name);
  }

  /**
   * The golden file of an input, or null. As in Spark's suite, Java 21 and later read the
   * {@code .java21} variant where there is one (float/double text and a date pattern letter changed).
   */
  String result(String name) {
    if (Runtime.version().feature() >= 21) {
      String java21 = text(RESULTS + name + ".out.java21");
      if (java21 != null) {
        return java21;
      }
    }
    return text(RESULTS + name + ".out");
  }

  /** Extracts the data files of Spark's test tables into {@code dir}; returns it. */
  Path extractTestData(Path dir) {
    try {
      Files.createDirectories(dir);
      for (ZipEntry e : Collections.list(zip.entries())) {
        if (e.getName().startsWith(DATA) && !e.isDirectory()) {
          try (InputStream in = zip.getInputStream(e)) {
            Files.copy(in, dir.resolve(e.getName().substring(DATA.length())), StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String text(String entry) {
    ZipEntry e = zip.getEntry(entry);
    if (e == null) {
      return null;
    }
    try (InputStream in = zip.getInputStream(e)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  @Override
  public void close() throws IOException {
    zip.close();
  }
}
