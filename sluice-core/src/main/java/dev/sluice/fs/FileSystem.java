package dev.sluice.fs;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The file operations the file connectors use, so that the same source, sink and formats work on a
 * local disk ({@link LocalFileSystem}) and on distributed file systems ({@code hdfs://},
 * {@code s3a://} through the optional {@code sluice-hadoop} module, found by {@link FileSystems}).
 *
 * <p>Paths are strings as described in {@link FilePaths}. Implementations are thread-safe. Methods
 * throw {@link IOException} for I/O failures; a missing file is {@link java.io.FileNotFoundException}
 * (or {@link java.nio.file.NoSuchFileException}) where a method needs it to exist.
 */
public interface FileSystem {
  /** The entries of a folder (files and sub-folders), in no particular order; empty if it does not exist. */
  default List<FileStatus> list(String dir) throws IOException {
    return list(dir, name -> false);
  }

  /**
   * The entries of a folder except those whose name {@code skip} accepts. This is how a stream lists a
   * folder of 100,000 files every trigger cheaply: the local implementation reads the names and
   * fetches size and time only for names not skipped; object stores and HDFS return them with the
   * listing anyway.
   */
  List<FileStatus> list(String dir, java.util.function.Predicate<String> skip) throws IOException;

  /** The names in a folder, without details; empty if it does not exist. */
  default List<String> listNames(String dir) throws IOException {
    List<String> out = new java.util.ArrayList<>();
    for (FileStatus s : list(dir)) {
      out.add(s.name());
    }
    return out;
  }

  /** Length and modification time of a file or folder, or null when nothing is at {@code path}. */
  FileStatus stat(String path) throws IOException;

  default boolean exists(String path) throws IOException {
    return stat(path) != null;
  }

  InputStream open(String path) throws IOException;

  /** Random access for formats that read a footer first (Parquet). */
  RandomAccessInput openRandomAccess(String path) throws IOException;

  /**
   * A new file for writing (creating parent folders as needed). With {@code overwrite} false an
   * existing file is an error. What is written may become visible before {@code close()} on some
   * file systems: readers that must never see a partial file rely on the commit logs of the sink.
   */
  OutputStream create(String path, boolean overwrite) throws IOException;

  /**
   * Writes a small file that readers see whole or not at all, and never replaces an existing one:
   * returns false (and writes nothing) when {@code path} already exists. Local and HDFS write a
   * hidden temporary file and rename it (rename does not replace); object stores such as S3 write
   * the object with one PUT, which is atomic for readers, after checking the key is free. This is
   * what every log of the file connector and of a streaming checkpoint uses: each log entry is a
   * write-once file.
   */
  default boolean createAtomically(String path, byte[] content) throws IOException {
    try {
      writeAtomically(path, content, false);
      return true;
    } catch (java.nio.file.FileAlreadyExistsException e) {
      return false;
    }
  }

  /**
   * Writes a small file that readers see whole or not at all. With {@code overwrite} an existing
   * file is replaced in one step (readers see the old or the new content, never a mix or nothing);
   * without, an existing file is {@link java.nio.file.FileAlreadyExistsException}.
   */
  default void writeAtomically(String path, byte[] content, boolean overwrite) throws IOException {
    AtomicOutputStream out = createAtomic(path, overwrite);
    try {
      out.write(content);
    } catch (IOException | RuntimeException e) {
      out.cancel();
      throw e;
    }
    out.close();
  }

  /**
   * A stream for a file that appears at {@code path} whole when {@link AtomicOutputStream#close()}
   * returns, and not at all if the stream is {@linkplain AtomicOutputStream#cancel() cancelled} or
   * {@code close()} fails. Parent folders are created as needed. With {@code overwrite} an existing
   * file is replaced in one step; without, an existing file is
   * {@link java.nio.file.FileAlreadyExistsException} (here or from {@code close()}).
   *
   * <p>How: local disks write a hidden temporary file in the same folder, fsync it and rename (or
   * hard-link) it into place; HDFS writes a temporary file and renames it; object stores such as S3
   * have no atomic rename, so the object is uploaded at its final key, where it becomes visible
   * only when the upload completes on {@code close()} (and a cancelled upload is aborted).
   */
  AtomicOutputStream createAtomic(String path, boolean overwrite) throws IOException;

  /** Moves a file; false when the source is missing or the target exists. */
  boolean rename(String from, String to) throws IOException;

  /** Deletes a file, or a folder with everything in it when {@code recursive}; false if nothing was there. */
  boolean delete(String path, boolean recursive) throws IOException;

  void mkdirs(String path) throws IOException;

  /** Whether {@link #rename} is atomic (local disks and HDFS: yes; S3: no, it copies). */
  boolean atomicRename();

  /** Reads a whole (small) file. */
  default byte[] readAll(String path) throws IOException {
    try (InputStream in = open(path)) {
      return in.readAllBytes();
    }
  }

  /**
   * The stream of {@link #createAtomic}: {@code close()} publishes the file, {@code cancel()}
   * discards what was written. Not thread-safe.
   */
  abstract class AtomicOutputStream extends OutputStream {
    /** Discards the file: nothing appears at the target path. Does nothing after close(). */
    public abstract void cancel();
  }

  /** A file opened for positional reads. */
  interface RandomAccessInput extends Closeable {
    long length() throws IOException;

    /** Reads exactly {@code len} bytes at {@code position}; EOFException when the file is shorter. */
    void readFully(long position, byte[] buffer, int offset, int len) throws IOException;
  }
}
