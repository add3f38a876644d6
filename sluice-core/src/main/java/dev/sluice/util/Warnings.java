package dev.sluice.util;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;

/**
 * Warnings about the user's input that Sluice goes on past (a corrupt file skipped under
 * ignoreCorruptFiles, an unknown option that looks like a typo): logged at WARN through the caller's
 * logger and, while a {@link Capture} is open, recorded in it, so a program or test can read the
 * warnings a piece of work gave without parsing log output. Thread-safe.
 */
public final class Warnings {
  private static final List<Capture> CAPTURES = new CopyOnWriteArrayList<>();

  private Warnings() {}

  /** Logs {@code message} at WARN on {@code log} and records it in every open capture. */
  public static void warn(Logger log, String message) {
    log.warn(message);
    for (Capture c : CAPTURES) {
      c.add(message);
    }
  }

  /** As {@link #warn(Logger, String)}, with the exception's stack trace in the log. */
  public static void warn(Logger log, String message, Throwable t) {
    log.warn(message, t);
    for (Capture c : CAPTURES) {
      c.add(message);
    }
  }

  /** Starts recording the warnings given from now until the capture is closed (by any thread). */
  public static Capture capture() {
    Capture c = new Capture();
    CAPTURES.add(c);
    return c;
  }

  /** The warnings given while it is open. */
  public static final class Capture implements AutoCloseable {
    private final List<String> messages = Collections.synchronizedList(new ArrayList<>());

    private Capture() {}

    void add(String m) {
      messages.add(m);
    }

    /** A copy of the warnings recorded so far, oldest first. */
    public List<String> messages() {
      synchronized (messages) {
        return List.copyOf(messages);
      }
    }

    @Override
    public void close() {
      CAPTURES.remove(this);
    }
  }
}
