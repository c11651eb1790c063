package io.querylens.agent.report;

import io.querylens.agent.bridge.AgentFailures;
import io.querylens.agent.request.RequestScope;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Turns closed requests into report files, off the request threads.
 *
 * <p>Request threads only {@link #accept offer} to a bounded queue: when it is full the report is dropped and
 * counted, never waited for, and the next report written says how many were dropped before it
 * ({@code droppedBefore}). One daemon thread builds each report, writes it to a temporary file and renames it into
 * place, so a reader never sees half a file. The directory keeps at most {@code maxFiles} reports: the oldest, by
 * name, which starts with the time, are deleted first, including those left by earlier runs. A report that cannot be
 * written (a full disk) is counted as dropped too; {@link WriterNotices} says when reports are lost and when they
 * are written again.
 */
public final class ReportWriter implements Consumer<RequestScope> {
  private static final DateTimeFormatter FILE_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final int MAX_SLUG_LENGTH = 60;

  private final Path directory;
  private final int maxFiles;
  private final int nPlusOneThreshold;
  private final BlockingQueue<RequestScope> queue;
  /** Dropped or failed since the last report written: that report's {@code droppedBefore}. */
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong lost = new AtomicLong();
  private final WriterNotices notices;
  private final ArrayDeque<Path> files = new ArrayDeque<>();
  private final Thread thread;
  private long sequence;
  private volatile boolean stopping;
  /** Told each file written, on the writer thread; the viewer's index, when {@code ui.port} is set. */
  private volatile Consumer<Path> onWritten = file -> { };

  /** A writer that says nothing; for tests. */
  ReportWriter(Path directory, int maxFiles, int queueSize, int nPlusOneThreshold) {
    this(directory, maxFiles, queueSize, nPlusOneThreshold, message -> { }, message -> { });
  }

  /**
   * @param warn where the one line goes when reports start being lost
   * @param info where the one line goes when they are written again
   */
  public ReportWriter(Path directory, int maxFiles, int queueSize, int nPlusOneThreshold, Consumer<String> warn,
      Consumer<String> info) {
    this.notices = new WriterNotices(warn, info, directory.toString(), queueSize);
    this.directory = directory;
    this.maxFiles = maxFiles;
    this.nPlusOneThreshold = nPlusOneThreshold;
    this.queue = new ArrayBlockingQueue<>(queueSize);
    this.thread = new Thread(this::run, "querylens-report-writer");
    this.thread.setDaemon(true);
  }

  /** Creates the directory, takes stock of reports already there, and starts the writer thread. */
  public void start() throws IOException {
    Files.createDirectories(directory);
    List<Path> existing = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory, "*.json")) {
      stream.forEach(existing::add);
    }
    Collections.sort(existing);
    files.addAll(existing);
    thread.start();
    Runtime.getRuntime().addShutdownHook(new Thread(this::drainOnExit, "querylens-report-flush"));
  }

  /** Called on the request thread when a request closes: never blocks. */
  @Override
  public void accept(RequestScope scope) {
    if (!queue.offer(scope)) {
      lost.incrementAndGet();
      if (dropped.getAndIncrement() == 0) {
        notices.queueFull();
      }
    }
  }

  /** Tells {@code listener} the path of each report written from now on. It must be quick and must not throw. */
  public void onWritten(Consumer<Path> listener) {
    this.onWritten = listener;
  }

  /** Reports written since start; for monitoring. */
  public long written() {
    return written.get();
  }

  /** Reports dropped (queue full) or not written (I/O failure) since start; for monitoring. */
  public long lost() {
    return lost.get();
  }

  private void run() {
    while (!stopping) {
      try {
        RequestScope scope = queue.poll(200, TimeUnit.MILLISECONDS);
        if (scope != null) {
          write(scope);
        }
      } catch (InterruptedException e) {
        return;
      } catch (IOException failure) {
        lost.incrementAndGet();
        dropped.incrementAndGet();
        notices.writeFailed(failure);
      } catch (Throwable failure) {
        AgentFailures.record("report.write", failure);
      }
    }
  }

  /** Writes what is queued when the JVM exits, for at most two seconds. */
  private void drainOnExit() {
    stopping = true;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    try {
      thread.join(1000);
      RequestScope scope;
      while (System.nanoTime() < deadline && (scope = queue.poll()) != null) {
        write(scope);
      }
    } catch (Throwable ignored) {
      // The JVM is going away; a lost report at exit is acceptable, a hung shutdown is not.
    }
  }

  private void write(RequestScope scope) throws IOException {
    long droppedBefore = dropped.get();
    Path file = write(RequestReport.of(scope, nPlusOneThreshold, droppedBefore));
    // Only once the report saying so is on disk: a failed write keeps them counted for the next one.
    dropped.addAndGet(-droppedBefore);
    if (droppedBefore > 0) {
      notices.writtenAfter(droppedBefore);
    }
    written.incrementAndGet();
    onWritten.accept(file);
  }

  /** Writes one report file and applies retention; package-private for tests. */
  synchronized Path write(RequestReport report) throws IOException {
    String name = FILE_TIME.format(report.startedAt()) + '-' + String.format(Locale.ROOT, "%06d", ++sequence % 1_000_000)
        + '-' + slug(report.method()) + '-' + slug(report.path()) + ".json";
    Path target = directory.resolve(name);
    Path temporary = directory.resolve('.' + name + ".tmp");
    try (OutputStream out = Files.newOutputStream(temporary)) {
      ReportJson.write(report, out);
    }
    try {
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
    }
    files.addLast(target);
    while (files.size() > maxFiles) {
      Files.deleteIfExists(files.removeFirst());
    }
    return target;
  }

  /** A file-name-safe rendering of a method or path: {@code /api/recipes/1} becomes {@code api_recipes_1}. */
  static String slug(String text) {
    if (text == null || text.isEmpty()) {
      return "none";
    }
    StringBuilder slug = new StringBuilder(Math.min(text.length(), MAX_SLUG_LENGTH));
    for (int i = 0; i < text.length() && slug.length() < MAX_SLUG_LENGTH; i++) {
      char c = text.charAt(i);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-') {
        slug.append(c);
      } else if (slug.length() > 0 && slug.charAt(slug.length() - 1) != '_') {
        slug.append('_');
      }
    }
    while (slug.length() > 0 && slug.charAt(slug.length() - 1) == '_') {
      slug.setLength(slug.length() - 1);
    }
    return slug.length() == 0 ? "root" : slug.toString();
  }

  public Path directory() {
    return directory;
  }
}
