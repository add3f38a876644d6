package dev.sluice.connector.file;

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
  public boolean createAtomically(String path, byte[] content) throws IOException {
    Path target = toPath(path).toAbsolutePath();
    Path dir = target.getParent();
    Files.createDirectories(dir);
    if (Files.exists(target)) {
      return false;
    }
    Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    try {
      // A hard link never replaces an existing file, so two writers cannot both win.
      Files.createLink(target, tmp);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (UnsupportedOperationException | IOException e) {
      try {
        Files.move(tmp, target);
        return true;
      } catch (FileAlreadyExistsException e2) {
        return false;
      }
    } finally {
      Files.deleteIfExists(tmp);
      syncDir(dir);
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
