package dev.sluice.hadoop;

import dev.sluice.connector.file.FilePaths;
import dev.sluice.connector.file.FileStatus;
import dev.sluice.connector.file.FileSystem;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The file connector's {@link FileSystem} over a Hadoop {@code FileSystem}.
 *
 * <p><b>Write-once files without atomic rename.</b> {@link #createAtomically} must give readers the
 * whole file or nothing and never replace an existing file. Where rename is atomic and refuses an
 * existing target (HDFS), it writes a hidden temporary file and renames it. On object stores (S3,
 * detected by the scheme: s3a, gs, abfs, ...), rename is a copy, so it writes the object directly
 * at its final key with {@code overwrite=false}: an S3 PUT becomes visible whole when the upload
 * completes, and S3A checks that the key is free before writing. The logs that use it (the sink's
 * {@code _sluice_metadata}, the file source log) only ever create new keys, so no reader ever sees
 * a partial or replaced entry. Two writers racing for the same new key are not expected (one query
 * per checkpoint and per output folder, as in Spark).
 */
final class HadoopFileSystem implements FileSystem {
  private final org.apache.hadoop.fs.FileSystem fs;
  private final boolean objectStore;

  HadoopFileSystem(org.apache.hadoop.fs.FileSystem fs) {
    this.fs = fs;
    String scheme = fs.getScheme();
    this.objectStore = !(scheme.equals("hdfs") || scheme.equals("viewfs") || scheme.equals("webhdfs")
        || scheme.equals("swebhdfs") || scheme.equals("ofs") || scheme.equals("o3fs") || scheme.equals("file"));
  }

  private static Path path(String p) {
    return new Path(p);
  }

  private static FileStatus status(String path, org.apache.hadoop.fs.FileStatus s) {
    return new FileStatus(path, s.isDirectory(), s.isDirectory() ? 0 : s.getLen(), s.getModificationTime());
  }

  @Override
  public List<FileStatus> list(String dir, Predicate<String> skip) throws IOException {
    List<FileStatus> out = new ArrayList<>();
    RemoteIterator<org.apache.hadoop.fs.FileStatus> it;
    try {
      it = fs.listStatusIterator(path(dir));
    } catch (FileNotFoundException e) {
      return out;
    }
    try {
      while (it.hasNext()) {
        org.apache.hadoop.fs.FileStatus s = it.next();
        String name = s.getPath().getName();
        if (skip.test(name)) {
          continue;
        }
        out.add(status(FilePaths.join(dir, name), s));
      }
    } catch (FileNotFoundException e) {
      return out;
    }
    return out;
  }

  @Override
  public FileStatus stat(String path) throws IOException {
    try {
      return status(path, fs.getFileStatus(path(path)));
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  @Override
  public InputStream open(String path) throws IOException {
    return fs.open(path(path), 1 << 16);
  }

  @Override
  public RandomAccessInput openRandomAccess(String path) throws IOException {
    FSDataInputStream in = fs.open(path(path));
    long len = fs.getFileStatus(path(path)).getLen();
    return new RandomAccessInput() {
      @Override
      public long length() {
        return len;
      }

      @Override
      public void readFully(long position, byte[] buffer, int offset, int n) throws IOException {
        in.readFully(position, buffer, offset, n);
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    };
  }

  @Override
  public OutputStream create(String path, boolean overwrite) throws IOException {
    return fs.create(path(path), overwrite);
  }

  @Override
  public boolean createAtomically(String path, byte[] content) throws IOException {
    Path target = path(path);
    if (fs.exists(target)) {
      return false;
    }
    if (objectStore) {
      try (FSDataOutputStream out = fs.create(target, false)) {
        out.write(content);
      } catch (FileAlreadyExistsException e) {
        return false;
      }
      return true;
    }
    Path tmp = new Path(target.getParent(), "." + target.getName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
    try (FSDataOutputStream out = fs.create(tmp, false)) {
      out.write(content);
      out.hsync();
    }
    boolean renamed = fs.rename(tmp, target); // HDFS: false when the target exists; never replaces it
    if (!renamed) {
      fs.delete(tmp, false);
    }
    return renamed;
  }

  @Override
  public boolean rename(String from, String to) throws IOException {
    Path t = path(to);
    if (fs.exists(t)) {
      return false;
    }
    if (t.getParent() != null) {
      fs.mkdirs(t.getParent());
    }
    return fs.rename(path(from), t);
  }

  @Override
  public boolean delete(String path, boolean recursive) throws IOException {
    return fs.delete(path(path), recursive);
  }

  @Override
  public void mkdirs(String path) throws IOException {
    fs.mkdirs(path(path));
  }

  @Override
  public boolean atomicRename() {
    return !objectStore;
  }

  @Override
  public String toString() {
    return "HadoopFileSystem[" + fs.getUri() + "]";
  }
}
