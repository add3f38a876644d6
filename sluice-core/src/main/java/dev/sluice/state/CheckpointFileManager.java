package dev.sluice.state;

import dev.sluice.errors.ErrorClass;
import dev.sluice.errors.SluiceException;
import dev.sluice.fs.FilePaths;
import dev.sluice.fs.FileStatus;
import dev.sluice.fs.FileSystem;
import dev.sluice.fs.FileSystems;
import dev.sluice.fs.LocalFileSystem;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one way a streaming checkpoint's files are read and written: the query metadata, the offset
 * and commit logs, the state files ({@code state/<op>/_metadata}, deltas, snapshots, RocksDB copies)
 * and the sources' folders ({@code sources/<n>/}, through the same {@link FileSystem}). Paths are
 * strings: local paths, {@code file:} URIs, or URIs of a file system found by {@link FileSystems}
 * ({@code hdfs://}, {@code s3a://} and Hadoop's other schemes with the {@code sluice-hadoop} module).
 *
 * <p>Guarantees, on every file system:
 * <ul>
 *   <li>{@link #createAtomic} and {@link #writeAtomic} publish a file whole or not at all (local:
 *       temporary file, fsync, rename; HDFS: temporary file, rename; S3: one upload at the final
 *       key, which becomes visible only when complete — S3 has no atomic rename).
 *   <li>{@link #createAtomic} never replaces a file: logs are write-once, so a second writer of the
 *       same entry (another query on the same checkpoint) is detected rather than overwriting.
 *   <li>{@link #list} never shows in-flight temporary files as entries.
 * </ul>
 * Methods throw {@link IOException}; callers turn them into a
 * {@link dev.sluice.errors.CheckpointException} naming the file. Thread-safe.
 */
public final class CheckpointFileManager {
  private final FileSystem fs;
  private final String root;

  private CheckpointFileManager(FileSystem fs, String root) {
    this.fs = fs;
    this.root = root;
  }

  /**
   * The manager for the checkpoint at {@code location}. {@code conf} is the session configuration
   * (Hadoop settings as {@code sluice.hadoop.*} keys). A scheme no file system on the class path
   * handles is refused with a message naming the module to add.
   */
  public static CheckpointFileManager forLocation(String location, Map<String, String> conf) {
    String root = FilePaths.stripSlash(location);
    FileSystem fs;
    try {
      fs = FileSystems.get(root, conf);
    } catch (SluiceException e) {
      throw new SluiceException(ErrorClass.UNSUPPORTED_FEATURE, "checkpointLocation " + location + ": no file system "
          + "for scheme '" + FilePaths.scheme(root) + "' is on the class path; add the dev.sluice:sluice-hadoop "
          + "module for hdfs://, s3a:// and the other Hadoop file systems");
    }
    return new CheckpointFileManager(fs, root);
  }

  /** A manager for a checkpoint in a local folder. */
  public static CheckpointFileManager local(Path root) {
    return new CheckpointFileManager(LocalFileSystem.INSTANCE, root.toAbsolutePath().toString());
  }

  /** The checkpoint's root folder, as given (without a trailing slash). */
  public String root() {
    return root;
  }

  public FileSystem fileSystem() {
    return fs;
  }

  /** Whether the checkpoint is on the local disk (java.nio paths work on it). */
  public boolean isLocal() {
    return fs instanceof LocalFileSystem;
  }

  /** {@code parent/name1/name2...}. */
  public String resolve(String parent, String... names) {
    String p = parent;
    for (String n : names) {
      p = FilePaths.join(p, n);
    }
    return p;
  }

  /** {@code root/name1/name2...}. */
  public String path(String... names) {
    return resolve(root, names);
  }

  /**
   * The entries of a folder (files and sub-folders), without in-flight temporary files (names
   * starting with '.'); empty when the folder does not exist.
   */
  public List<FileStatus> list(String dir) throws IOException {
    List<FileStatus> out = new ArrayList<>();
    for (FileStatus s : fs.list(dir, n -> n.startsWith("."))) {
      out.add(s);
    }
    return out;
  }

  /** The names in a folder, without in-flight temporary files; empty when it does not exist. */
  public List<String> listNames(String dir) throws IOException {
    List<String> out = new ArrayList<>();
    for (String n : fs.listNames(dir)) {
      if (!n.startsWith(".")) {
        out.add(n);
      }
    }
    return out;
  }

  public boolean exists(String path) throws IOException {
    return fs.exists(path);
  }

  /** A whole (small) file. A missing file is {@link NoSuchFileException}. */
  public byte[] read(String path) throws IOException {
    try {
      return fs.readAll(path);
    } catch (FileNotFoundException e) {
      throw new NoSuchFileException(path);
    }
  }

  /** Opens a file for reading. A missing file is {@link NoSuchFileException}. */
  public InputStream open(String path) throws IOException {
    try {
      return fs.open(path);
    } catch (FileNotFoundException e) {
      throw new NoSuchFileException(path);
    }
  }

  /**
   * Writes a write-once file (a log entry): false, writing nothing, when {@code path} exists. On S3
   * the key is checked to be free, then written with one PUT.
   */
  public boolean createAtomic(String path, byte[] content) throws IOException {
    return fs.createAtomically(path, content);
  }

  /**
   * Writes a file whole or not at all, replacing an existing one in one step (state files, which a
   * replayed batch writes again).
   */
  public void writeAtomic(String path, byte[] content) throws IOException {
    fs.writeAtomically(path, content, true);
  }

  /** A stream for a file that appears whole on close (see {@link FileSystem#createAtomic}). */
  public FileSystem.AtomicOutputStream createAtomicStream(String path, boolean overwrite) throws IOException {
    return fs.createAtomic(path, overwrite);
  }

  /** Copies a local file into the checkpoint, atomically, replacing an existing file. */
  public void copyFromLocal(Path local, String target) throws IOException {
    FileSystem.AtomicOutputStream out = fs.createAtomic(target, true);
    try (InputStream in = Files.newInputStream(local)) {
      in.transferTo(out);
    } catch (IOException | RuntimeException e) {
      out.cancel();
      throw e;
    }
    out.close();
  }

  /** Copies a checkpoint file to the local disk, replacing an existing local file. */
  public void copyToLocal(String source, Path local) throws IOException {
    try (InputStream in = open(source)) {
      Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** Deletes a file; false when nothing was there. */
  public boolean delete(String path) throws IOException {
    return fs.delete(path, false);
  }

  /** Deletes a folder and everything in it; false when nothing was there. */
  public boolean deleteRecursively(String path) throws IOException {
    return fs.delete(path, true);
  }

  public void mkdirs(String dir) throws IOException {
    fs.mkdirs(dir);
  }

  /** A local path of the checkpoint for code that needs java.nio (only when {@link #isLocal()}). */
  public Path localPath(String path) {
    if (!isLocal()) {
      throw new IllegalStateException(path + " is not on the local disk");
    }
    return LocalFileSystem.toPath(path);
  }

  @Override
  public String toString() {
    return "CheckpointFileManager[" + root + " on " + fs + "]";
  }
}
