package dev.sluice.fs;

import java.util.Map;

/**
 * Creates {@link FileSystem}s for URI schemes other than local files. Implementations are found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/dev.sluice.fs.FileSystemProvider});
 * the {@code sluice-hadoop} module provides one for {@code hdfs://}, {@code s3a://} and the other
 * schemes Hadoop knows.
 */
public interface FileSystemProvider {
  /** Whether this provider handles paths with the given (lower-case) scheme. */
  boolean supports(String scheme);

  /**
   * A file system for {@code path}'s scheme and authority. {@code options} are the connector options
   * and the session configuration; a provider picks its own keys from them (Hadoop: {@code fs.*}
   * options and {@code sluice.hadoop.*} configuration).
   */
  FileSystem get(String path, Map<String, String> options);
}
