package dev.sluice.hadoop;

import dev.sluice.fs.FilePaths;
import dev.sluice.fs.FileStatus;
import dev.sluice.fs.FileSystem;
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
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.fs.UnsupportedFileSystemException;

/**
 * The file connector's {@link FileSystem} over a Hadoop {@code FileSystem}.
 *
 * <p><b>Atomic files without atomic rename.</b> {@link #createAtomic} must give readers the whole
 * file or nothing, and without {@code overwrite} never replace an existing file. Where rename is
 * atomic and refuses an existing target (HDFS), it writes a hidden temporary file, hsyncs and
 * renames it (with {@code overwrite}, FileContext's rename with OVERWRITE, atomic on HDFS). On
 * object stores (S3, detected by the scheme: s3a, gs, abfs, ...), rename is a copy, so it writes
 * the object directly at its final key: an S3 PUT (or multipart upload) becomes visible whole when
 * the upload completes in {@code close()}, an aborted upload never appears, and without
 * {@code overwrite} it first checks that the key is free (S3A checks again in {@code create}). The
 * logs that use it (checkpoint offsets and commits, the sink's {@code _sluice_metadata}, the file
 * source log) only ever create new keys, so no reader ever sees a partial or replaced entry. Two
 * writers racing for the same new key are not expected (one query per checkpoint and per output
 * folder, as in Spark); S3 has no create-if-absent here, so the check and the PUT are two steps.
 */
final class HadoopFileSystem implements FileSystem {
  private final org.apache.hadoop.fs.FileSystem fs;
  private final boolean objectStore;
  private FileContext fileContext;
  private boolean noFileContext;

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
  public AtomicOutputStream createAtomic(String path, boolean overwrite) throws IOException {
    Path target = path(path);
    if (!overwrite && fs.exists(target)) {
      throw new java.nio.file.FileAlreadyExistsException(path);
    }
    if (objectStore) {
      FSDataOutputStream out;
      try {
        out = fs.create(target, overwrite); // S3A checks the key is free when !overwrite
      } catch (FileAlreadyExistsException e) {
        throw new java.nio.file.FileAlreadyExistsException(path);
      }
      return new ObjectStoreOutput(out, target);
    }
    Path tmp = new Path(target.getParent(), "." + target.getName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
    return new RenamingOutput(fs.create(tmp, false), tmp, target, overwrite);
  }

  /**
   * Object stores: the object is written at its final key and becomes visible, whole, when the
   * upload completes in close() (one PUT, or the completion of a multipart upload). There is no
   * rename to rely on, and none is needed.
   */
  private final class ObjectStoreOutput extends AtomicOutputStream {
    private final FSDataOutputStream out;
    private final Path target;
    private boolean done;

    ObjectStoreOutput(FSDataOutputStream out, Path target) {
      this.out = out;
      this.target = target;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      if (!done) {
        done = true;
        out.close();
      }
    }

    @Override
    public void cancel() {
      if (done) {
        return;
      }
      done = true;
      try {
        out.abort(); // S3A: the upload is abandoned and no object appears
      } catch (UnsupportedOperationException e) {
        // A store whose streams cannot abort: publish what was written, then remove it.
        try {
          out.close();
          fs.delete(target, false);
        } catch (IOException ignored) {
          // what is left is an incomplete file that its writer will write again
        }
      }
    }
  }

  /** HDFS and other file systems with atomic rename: a hidden temporary file, hsync, rename. */
  private final class RenamingOutput extends AtomicOutputStream {
    private final FSDataOutputStream out;
    private final Path tmp;
    private final Path target;
    private final boolean overwrite;
    private boolean done;

    RenamingOutput(FSDataOutputStream out, Path tmp, Path target, boolean overwrite) {
      this.out = out;
      this.tmp = tmp;
      this.target = target;
      this.overwrite = overwrite;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      if (done) {
        return;
      }
      done = true;
      boolean published = false;
      try {
        try {
          out.hsync();
        } finally {
          out.close();
        }
        if (overwrite) {
          renameReplacing(tmp, target);
          published = true;
        } else {
          published = fs.rename(tmp, target); // HDFS: false when the target exists; never replaces it
          if (!published) {
            throw new java.nio.file.FileAlreadyExistsException(target.toString());
          }
        }
      } finally {
        if (!published) {
          deleteQuietly(tmp);
        }
      }
    }

    @Override
    public void cancel() {
      if (done) {
        return;
      }
      done = true;
      try {
        out.close();
      } catch (IOException ignored) {
        // deleted below
      }
      deleteQuietly(tmp);
    }
  }

  /**
   * Renames over an existing file in one step. The usual case, no file at the target, is a plain
   * rename; a replaced file (a state file of a replayed batch) uses FileContext's rename with
   * OVERWRITE, which HDFS does atomically.
   */
  private void renameReplacing(Path tmp, Path target) throws IOException {
    if (fs.rename(tmp, target)) {
      return;
    }
    FileContext fc = fileContext();
    if (fc != null) {
      fc.rename(tmp, target, Options.Rename.OVERWRITE);
      return;
    }
    // No FileContext for this scheme: delete, then rename. A reader in between sees no file, never a partial one.
    fs.delete(target, false);
    if (!fs.rename(tmp, target)) {
      throw new IOException("Cannot rename " + tmp + " to " + target);
    }
  }

  private synchronized FileContext fileContext() {
    if (fileContext == null && !noFileContext) {
      try {
        fileContext = FileContext.getFileContext(fs.getUri(), fs.getConf());
      } catch (UnsupportedFileSystemException e) {
        noFileContext = true;
      }
    }
    return fileContext;
  }

  private void deleteQuietly(Path p) {
    try {
      fs.delete(p, false);
    } catch (IOException ignored) {
      // a hidden temporary file stays behind; readers ignore it
    }
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
