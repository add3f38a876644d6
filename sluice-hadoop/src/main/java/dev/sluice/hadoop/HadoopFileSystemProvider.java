package dev.sluice.hadoop;

import dev.sluice.fs.FileSystem;
import dev.sluice.fs.FileSystemProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.conf.Configuration;

/**
 * Hadoop's file systems for the file connector: {@code hdfs://}, {@code s3a://}, {@code webhdfs://},
 * {@code viewfs://}, {@code abfs[s]://}, {@code gs://} and others whose Hadoop connector is on the
 * class path. Hadoop settings come from the connector options whose keys start with {@code fs.}
 * (e.g. {@code option("fs.s3a.endpoint", ...)}) and from session configuration keys
 * {@code sluice.hadoop.<hadoop key>} (as Spark's {@code spark.hadoop.*}), over Hadoop's defaults
 * ({@code core-site.xml} on the class path).
 */
public final class HadoopFileSystemProvider implements FileSystemProvider {
  private static final Set<String> SCHEMES = Set.of("hdfs", "s3a", "webhdfs", "swebhdfs", "viewfs", "abfs", "abfss",
      "gs", "wasb", "wasbs", "oss", "ofs", "o3fs", "har", "cosn", "obs");
  private final Map<String, HadoopFileSystem> cache = new ConcurrentHashMap<>();

  @Override
  public boolean supports(String scheme) {
    return SCHEMES.contains(scheme);
  }

  @Override
  public FileSystem get(String path, Map<String, String> options) {
    Configuration conf = new Configuration();
    StringBuilder key = new StringBuilder();
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(options).entrySet()) {
      String k = e.getKey();
      if (k.startsWith("sluice.hadoop.")) {
        conf.set(k.substring("sluice.hadoop.".length()), e.getValue());
        key.append(k).append('=').append(e.getValue()).append('\n');
      }
    }
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(options).entrySet()) {
      if (e.getKey().startsWith("fs.") || e.getKey().startsWith("dfs.")) {
        conf.set(e.getKey(), e.getValue());
        key.append(e.getKey()).append('=').append(e.getValue()).append('\n');
      }
    }
    URI uri = URI.create(path);
    String id = uri.getScheme() + "://" + uri.getAuthority() + "\n" + key;
    return cache.computeIfAbsent(id, k -> {
      try {
        // newInstance, not get: Hadoop's own cache is keyed by scheme and authority only, so a second
        // session with other settings (another S3 endpoint or credentials) would get the first one's.
        return new HadoopFileSystem(org.apache.hadoop.fs.FileSystem.newInstance(uri, conf));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot open the file system of " + path + ": " + e.getMessage(), e);
      }
    });
  }
}
