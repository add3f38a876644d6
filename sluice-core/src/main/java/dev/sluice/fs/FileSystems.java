package dev.sluice.fs;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** Finds the {@link FileSystem} for a path by its scheme: local files built in, others by {@link ServiceLoader}. */
public final class FileSystems {
  private static volatile List<FileSystemProvider> providers;

  private FileSystems() {}

  public static FileSystem get(String path, Map<String, String> options) {
    String scheme = FilePaths.scheme(path);
    if (scheme.equals("file")) {
      return LocalFileSystem.INSTANCE;
    }
    for (FileSystemProvider p : providers()) {
      if (p.supports(scheme)) {
        return p.get(path, options);
      }
    }
    throw new SluiceException(ErrorClass.UNSUPPORTED_FEATURE, "paths with scheme '" + scheme + "' (" + path
        + "): no file system for it is on the class path; add the dev.sluice:sluice-hadoop module for hdfs://, "
        + "s3a:// and the other Hadoop file systems");
  }

  private static List<FileSystemProvider> providers() {
    List<FileSystemProvider> ps = providers;
    if (ps == null) {
      ps = new ArrayList<>();
      for (FileSystemProvider p : ServiceLoader.load(FileSystemProvider.class)) {
        ps.add(p);
      }
      providers = ps;
    }
    return ps;
  }
}
