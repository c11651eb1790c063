package io.querylens.agent.report;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Says when reports stop being written and when they are written again: one WARN when the queue first overflows or a
 * file first cannot be written, one INFO when a report is written after that, with how many were lost. Overload
 * comes in bursts, so a burst that starts within a minute of the last WARN is not said again; its losses are added to
 * the next line. Never a stack trace: a full queue and a full disk are conditions to fix, not bugs to debug.
 */
final class WriterNotices {
  static final long QUIET_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final Consumer<String> warn;
  private final Consumer<String> info;
  private final String directory;
  private final int queueSize;
  /** Whether the current trouble was said; then its end is said too. */
  private volatile boolean said;
  private volatile long lastWarnNanos = System.nanoTime() - QUIET_NANOS;
  /** Reports lost in bursts that were not said, for the next line. */
  private long unsaidLost;

  WriterNotices(Consumer<String> warn, Consumer<String> info, String directory, int queueSize) {
    this.warn = warn;
    this.info = info;
    this.directory = directory;
    this.queueSize = queueSize;
  }

  /** The first report of a burst was dropped because the queue was full; called on that request's thread. */
  void queueFull() {
    warnOnce("QueryLens: the report queue is full (reports.queue-size=" + queueSize + "): reports are dropped and "
        + "counted, never waited for, and the next report written says how many (droppedBefore)");
  }

  /** A report could not be written; called on the writer thread. */
  void writeFailed(Exception cause) {
    warnOnce("QueryLens: reports cannot be written to " + directory + ": " + describe(cause) + "; they are counted "
        + "as dropped (droppedBefore of the next report written) until a write succeeds");
  }

  /** A report was written after {@code lost} were dropped or failed; called on the writer thread. */
  synchronized void writtenAfter(long lost) {
    if (!said) {
      unsaidLost += lost;
      return;
    }
    said = false;
    long total = lost + unsaidLost;
    unsaidLost = 0;
    info.accept("QueryLens: reports are written again; " + total + " report" + (total == 1 ? " was" : "s were")
        + " lost meanwhile");
  }

  private synchronized void warnOnce(String message) {
    long now = System.nanoTime();
    if (said || now - lastWarnNanos < QUIET_NANOS) {
      return;
    }
    said = true;
    lastWarnNanos = now;
    warn.accept(message);
  }

  private static String describe(Exception cause) {
    String message = cause.getMessage();
    return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
