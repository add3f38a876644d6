package dev.sluice.streaming.checkpoint;

import dev.sluice.errors.CheckpointException;
import dev.sluice.state.CheckpointFileManager;
import dev.sluice.util.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <checkpoint>/lock}: keeps a second run of a query off a checkpoint while one runs, taken
 * before anything in the checkpoint is read or written. Two runs writing one checkpoint would each
 * write offsets and state for the same batches, and one of them would die later, after both had
 * written; with the lock the second is refused at start, naming the run that holds it.
 *
 * <p>On the local disk the lock is the operating system's: it goes away with the process, so a run
 * killed with SIGKILL can be restarted at once. Other file systems (HDFS, S3) have no such lock, and
 * get a lease: the file names its holder and an expiry, renewed every third of the lease; a new run
 * takes over a lease that expired, or one whose holder was a process on this host that is gone. A
 * run that finds its lease taken over (it was paused longer than the lease) stops before its next
 * write: {@link #checkHeld()}.
 */
public abstract class CheckpointLock implements AutoCloseable {
  // A holder, so SLF4J is bound when something is first logged.
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(CheckpointLock.class);
  }

  public static final String FILE = "lock";

  /** Who holds the lock: written into the lock file, quoted when another run is refused. */
  public record Holder(String runId, String queryName, String host, long pid, long sinceMillis) {
    static Holder current(String runId, String queryName) {
      return new Holder(runId, queryName == null ? "" : queryName, hostName(), ProcessHandle.current().pid(),
          System.currentTimeMillis());
    }

    String describe() {
      return "run " + runId + (queryName.isEmpty() ? "" : " of query " + queryName) + " (process " + pid + " on "
          + host + ", since " + Instant.ofEpochMilli(sinceMillis) + ")";
    }
  }

  /**
   * Takes the lock of a checkpoint, or refuses with a {@link CheckpointException} naming the holder.
   *
   * @param mode {@code auto}, {@code lease} or {@code none} (see {@code sluice.sql.streaming.checkpoint.lockMode})
   */
  public static CheckpointLock acquire(CheckpointFileManager files, String mode, String runId, String queryName,
      long leaseMillis) {
    Holder me = Holder.current(runId, queryName);
    if (mode.equals("none")) {
      return new NoLock();
    }
    try {
      files.mkdirs(files.root());
    } catch (IOException e) {
      throw new CheckpointException(files.root(), "the checkpoint folder cannot be created (" + e.getMessage() + ")");
    }
    if (mode.equals("auto") && files.isLocal()) {
      return OsLock.acquire(files.localPath(files.path(FILE)), me);
    }
    return Lease.acquire(files, files.path(FILE), me, leaseMillis);
  }

  /** Throws when the lock was lost (a lease another run took over): the query must not write on. */
  public abstract void checkHeld();

  @Override
  public abstract void close();

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  private static byte[] encode(Holder h, long expiresMillis) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("runId", h.runId());
    m.put("queryName", h.queryName());
    m.put("host", h.host());
    m.put("pid", h.pid());
    m.put("since", h.sinceMillis());
    if (expiresMillis > 0) {
      m.put("expires", expiresMillis);
    }
    return (Json.write(m) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** The holder and expiry a lock file names; empty when it names none (an empty or garbled file). */
  private static Optional<Map.Entry<Holder, Long>> decode(byte[] content) {
    try {
      Map<String, Object> m = Json.parseObject(new String(content, StandardCharsets.UTF_8).trim());
      Holder h = new Holder(Json.getString(m, "runId"), String.valueOf(m.getOrDefault("queryName", "")),
          String.valueOf(m.getOrDefault("host", "?")), Json.getLong(m, "pid"), Json.getLong(m, "since"));
      long expires = m.containsKey("expires") ? Json.getLong(m, "expires") : 0;
      return Optional.of(Map.entry(h, expires));
    } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
      return Optional.empty();
    }
  }

  private static String fix(String file) {
    return "a checkpoint is used by one run at a time; stop that run first (or, if it is gone, delete " + file
        + "), or give this query another checkpointLocation";
  }

  // ------------------------------------------------------------------ kinds

  private static final class NoLock extends CheckpointLock {
    @Override
    public void checkHeld() {}

    @Override
    public void close() {}
  }

  /** The operating system's exclusive lock on the lock file, held through an open channel. */
  private static final class OsLock extends CheckpointLock {
    private final FileChannel channel;
    private final FileLock lock;

    private OsLock(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }

    static OsLock acquire(Path file, Holder me) {
      FileChannel ch;
      try {
        ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      } catch (IOException e) {
        throw new CheckpointException(file, "the checkpoint lock cannot be opened (" + e.getMessage() + ")");
      }
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null;
      } catch (IOException e) {
        closeQuietly(ch);
        throw new CheckpointException(file, "the checkpoint lock cannot be taken (" + e.getMessage() + ")");
      }
      if (l == null) {
        closeQuietly(ch);
        String holder = readHolder(file).map(Holder::describe).orElse("another run");
        throw new CheckpointException(file, "the checkpoint is in use by " + holder + "; " + fix(file.toString()));
      }
      try {
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(encode(me, 0)), 0);
        ch.force(false);
      } catch (IOException e) {
        Log.LOG.warn("Could not record the holder in {}: {}", file, e.toString());
      }
      return new OsLock(ch, l);
    }

    private static Optional<Holder> readHolder(Path file) {
      try {
        return decode(Files.readAllBytes(file)).map(Map.Entry::getKey);
      } catch (IOException e) {
        return Optional.empty();
      }
    }

    @Override
    public void checkHeld() {}

    @Override
    public void close() {
      try {
        lock.release();
      } catch (IOException e) {
        Log.LOG.debug("Releasing the checkpoint lock failed", e);
      }
      closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel ch) {
      try {
        ch.close();
      } catch (IOException e) {
        // nothing to do: the descriptor goes with the process
      }
    }
  }

  /** A lease file with an expiry, renewed by a daemon thread, for file systems without locks. */
  private static final class Lease extends CheckpointLock {
    private final CheckpointFileManager files;
    private final String file;
    private final Holder me;
    private final long leaseMillis;
    private final ScheduledExecutorService renewer;
    private volatile String lost;

    private Lease(CheckpointFileManager files, String file, Holder me, long leaseMillis) {
      this.files = files;
      this.file = file;
      this.me = me;
      this.leaseMillis = leaseMillis;
      this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sluice-checkpoint-lease");
        t.setDaemon(true);
        return t;
      });
    }

    static Lease acquire(CheckpointFileManager files, String file, Holder me, long leaseMillis) {
      Optional<Map.Entry<Holder, Long>> current = read(files, file);
      if (current.isPresent()) {
        Holder h = current.get().getKey();
        long expires = current.get().getValue();
        boolean deadHere = h.host().equals(me.host()) && ProcessHandle.of(h.pid()).map(p -> !p.isAlive()).orElse(true);
        if (!h.runId().equals(me.runId()) && expires > System.currentTimeMillis() && !deadHere) {
          throw new CheckpointException(file, "the checkpoint is in use by " + h.describe() + ", whose lease expires at "
              + Instant.ofEpochMilli(expires) + "; " + fix(file));
        }
        Log.LOG.info("Taking over the checkpoint lease {} from {} ({})", file, h.describe(),
            deadHere ? "its process is gone" : "it expired");
      }
      Lease lease = new Lease(files, file, me, leaseMillis);
      lease.write();
      // Two runs that found the lease free at once both wrote it: the one whose lease is there now wins.
      Optional<Map.Entry<Holder, Long>> now = read(files, file);
      if (now.isEmpty() || !now.get().getKey().runId().equals(me.runId())) {
        lease.renewer.shutdownNow();
        throw new CheckpointException(file, "the checkpoint was taken by "
            + now.map(e -> e.getKey().describe()).orElse("another run") + " while this run started; " + fix(file));
      }
      long period = Math.max(1, leaseMillis / 3);
      lease.renewer.scheduleAtFixedRate(lease::renew, period, period, TimeUnit.MILLISECONDS);
      return lease;
    }

    private static Optional<Map.Entry<Holder, Long>> read(CheckpointFileManager files, String file) {
      try {
        return decode(files.read(file));
      } catch (NoSuchFileException e) {
        return Optional.empty();
      } catch (IOException e) {
        throw new CheckpointException(file, "the checkpoint lease cannot be read (" + e.getMessage() + ")");
      }
    }

    private void write() {
      try {
        files.writeAtomic(file, encode(me, System.currentTimeMillis() + leaseMillis));
      } catch (IOException e) {
        throw new CheckpointException(file, "the checkpoint lease cannot be written (" + e.getMessage() + ")");
      }
    }

    private void renew() {
      if (lost != null) {
        return;
      }
      try {
        Optional<Map.Entry<Holder, Long>> now = read(files, file);
        if (now.isPresent() && !now.get().getKey().runId().equals(me.runId())) {
          lost = now.get().getKey().describe();
          Log.LOG.error("The checkpoint lease {} was taken over by {}; this run stops before its next write", file,
              lost);
          return;
        }
        write();
      } catch (RuntimeException e) {
        Log.LOG.warn("Renewing the checkpoint lease {} failed: {}", file, e.getMessage());
      }
    }

    @Override
    public void checkHeld() {
      if (lost != null) {
        throw new CheckpointException(file, "this run's lease was taken over by " + lost
            + " (this run was paused longer than the lease); it stops without writing more");
      }
    }

    @Override
    public void close() {
      renewer.shutdownNow();
      try {
        renewer.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (lost == null) {
        try {
          Optional<Map.Entry<Holder, Long>> now = read(files, file);
          if (now.isPresent() && now.get().getKey().runId().equals(me.runId())) {
            files.delete(file);
          }
        } catch (IOException | RuntimeException e) {
          Log.LOG.warn("Releasing the checkpoint lease {} failed: {}", file, e.toString());
        }
      }
    }
  }
}
