package dev.sluice.fs;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** The local disk, through java.nio. Paths without a scheme or with {@code file:}. */
public final class LocalFileSystem implements FileSystem {
  public static final LocalFileSystem INSTANCE = new LocalFileSystem();

  private LocalFileSystem() {}

  public static Path toPath(String path) {
    if (path.startsWith("file:")) {
      return Paths.get(URI.create(path.startsWith("file://") || path.startsWith("file:/") ? path : "file:" + path));
    }
    return Paths.get(path);
  }

  @Override
  public List<FileStatus> list(String dir, Predicate<String> skip) throws IOException {
    Path d = toPath(dir);
    // File.list reads the names in one call, without a Path object per entry: the cheap way to
    // pass over a folder of 100,000 names when most of them are skipped.
    String[] names = d.toFile().list();
    if (names == null) {
      return List.of();
    }
    List<FileStatus> out = new ArrayList<>();
    for (String name : names) {
      if (skip.test(name)) {
        continue;
      }
      BasicFileAttributes a;
      try {
        a = Files.readAttributes(d.resolve(name), BasicFileAttributes.class);
      } catch (NoSuchFileException e) {
        continue; // removed since the listing
      }
      out.add(new FileStatus(FilePaths.join(dir, name), a.isDirectory(), a.isDirectory() ? 0 : a.size(),
          a.lastModifiedTime().toMillis()));
    }
    return out;
  }

  @Override
  public List<String> listNames(String dir) {
    String[] names = toPath(dir).toFile().list();
    return names == null ? List.of() : java.util.Arrays.asList(names);
  }

  @Override
  public FileStatus stat(String path) throws IOException {
    Path p = toPath(path);
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
      return new FileStatus(path, a.isDirectory(), a.isDirectory() ? 0 : a.size(), a.lastModifiedTime().toMillis());
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  @Override
  public boolean exists(String path) {
    return Files.exists(toPath(path), LinkOption.NOFOLLOW_LINKS) || Files.exists(toPath(path));
  }

  @Override
  public InputStream open(String path) throws IOException {
    return Files.newInputStream(toPath(path));
  }

  @Override
  public RandomAccessInput openRandomAccess(String path) throws IOException {
    FileChannel ch = FileChannel.open(toPath(path), StandardOpenOption.READ);
    return new RandomAccessInput() {
      @Override
      public long length() throws IOException {
        return ch.size();
      }

      @Override
      public void readFully(long position, byte[] buffer, int offset, int len) throws IOException {
        ByteBuffer bb = ByteBuffer.wrap(buffer, offset, len);
        long pos = position;
        while (bb.hasRemaining()) {
          int n = ch.read(bb, pos);
          if (n < 0) {
            throw new EOFException("Reached the end of " + path + " at " + pos);
          }
          pos += n;
        }
      }

      @Override
      public void close() throws IOException {
        ch.close();
      }
    };
  }

  @Override
  public OutputStream create(String path, boolean overwrite) throws IOException {
    Path p = toPath(path);
    Path parent = p.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return overwrite ? Files.newOutputStream(p)
        : Files.newOutputStream(p, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  @Override
  public AtomicOutputStream createAtomic(String path, boolean overwrite) throws IOException {
    return createAtomic(path, overwrite, 1 << 16);
  }

  @Override
  public void writeAtomically(String path, byte[] content, boolean overwrite) throws IOException {
    AtomicOutputStream out = createAtomic(path, overwrite, 0); // one write: no buffer
    try {
      out.write(content);
    } catch (IOException | RuntimeException e) {
      out.cancel();
      throw e;
    }
    out.close();
  }

  private AtomicOutputStream createAtomic(String path, boolean overwrite, int bufferSize) throws IOException {
    Path target = toPath(path).toAbsolutePath();
    Path dir = target.getParent();
    try {
      Files.createDirectories(dir);
    } catch (FileAlreadyExistsException e) {
      // A file where the folder should be: not "the target exists", which callers take as a lost race.
      throw new java.nio.file.FileSystemException(dir.toString(), null, "exists but is not a folder, so " + target
          + " cannot be written in it");
    }
    if (!overwrite && Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(path);
    }
    Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
    FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return new LocalAtomicOutput(ch, tmp, target, overwrite, bufferSize);
  }

  /** Temporary file, fsync, then rename (replacing) or hard link (never replacing), fsync of the folder. */
  private static final class LocalAtomicOutput extends AtomicOutputStream {
    private final FileChannel ch;
    private final Path tmp;
    private final Path target;
    private final boolean overwrite;
    private final ByteBuffer buf;
    private boolean done;

    LocalAtomicOutput(FileChannel ch, Path tmp, Path target, boolean overwrite, int bufferSize) {
      this.ch = ch;
      this.tmp = tmp;
      this.target = target;
      this.overwrite = overwrite;
      this.buf = ByteBuffer.allocate(bufferSize);
    }

    @Override
    public void write(int b) throws IOException {
      if (buf.hasRemaining()) {
        buf.put((byte) b);
      } else {
        write(new byte[] {(byte) b}, 0, 1);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (len >= buf.capacity()) {
        drain();
        ByteBuffer whole = ByteBuffer.wrap(b, off, len);
        while (whole.hasRemaining()) {
          ch.write(whole);
        }
        return;
      }
      if (len > buf.remaining()) {
        drain();
      }
      buf.put(b, off, len);
    }

    private void drain() throws IOException {
      if (buf.position() == 0) {
        return;
      }
      buf.flip();
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      buf.clear();
    }

    @Override
    public void close() throws IOException {
      if (done) {
        return;
      }
      done = true;
      try {
        drain();
        ch.force(true);
        ch.close();
        if (overwrite) {
          try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
          } catch (java.nio.file.AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
          }
        } else {
          try {
            // A hard link never replaces an existing file, so two writers cannot both win.
            Files.createLink(target, tmp);
          } catch (FileAlreadyExistsException e) {
            throw e;
          } catch (UnsupportedOperationException | IOException e) {
            Files.move(tmp, target); // no hard links here: a plain move also refuses an existing target
          }
        }
      } finally {
        ch.close();
        Files.deleteIfExists(tmp);
      }
      syncDir(target.getParent());
    }

    @Override
    public void cancel() {
      if (done) {
        return;
      }
      done = true;
      try {
        ch.close();
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        // a hidden temporary file may stay behind; readers ignore it
      }
    }
  }

  private static void syncDir(Path dir) {
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Some file systems cannot fsync a folder; the link or rename is still atomic.
    }
  }

  @Override
  public boolean rename(String from, String to) throws IOException {
    Path f = toPath(from);
    Path t = toPath(to);
    if (!Files.exists(f) || Files.exists(t)) {
      return false;
    }
    Path parent = t.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try {
      Files.move(f, t, StandardCopyOption.ATOMIC_MOVE);
    } catch (java.nio.file.AtomicMoveNotSupportedException e) {
      Files.move(f, t);
    }
    return true;
  }

  @Override
  public boolean delete(String path, boolean recursive) throws IOException {
    Path p = toPath(path);
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    if (recursive && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> s = Files.walk(p)) {
        for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(x);
        }
      }
      return true;
    }
    return Files.deleteIfExists(p);
  }

  @Override
  public void mkdirs(String path) throws IOException {
    Files.createDirectories(toPath(path));
  }

  @Override
  public boolean atomicRename() {
    return true;
  }

  @Override
  public String toString() {
    return "LocalFileSystem";
  }
}
