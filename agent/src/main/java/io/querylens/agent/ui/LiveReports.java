package io.querylens.agent.ui;

import io.querylens.agent.view.EndpointStats;
import io.querylens.agent.view.Report;
import io.querylens.agent.view.ReportFolder;
import io.querylens.agent.view.ReportReader;
import io.querylens.agent.view.UnreadableReportException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The reports the live viewer shows: those in {@code reports.dir} when it is first opened, then each one the writer
 * writes. The writer only hands over a path (no parsing on its thread); files are read when the page next asks. At
 * most {@code capacity} reports are held, as the directory keeps at most {@code reports.max-files}: the oldest go
 * first, and so do paths waiting to be read if nobody opens the page.
 */
final class LiveReports implements Consumer<Path> {
  private final Path directory;
  private final int capacity;
  private final ConcurrentLinkedQueue<Path> written = new ConcurrentLinkedQueue<>();
  private final AtomicInteger waiting = new AtomicInteger();
  private final ArrayDeque<ViewerData.Numbered> reports = new ArrayDeque<>();
  private boolean loaded;
  private long lastId;
  private String newestFile = "";
  /** The endpoints table as of {@link #lastId}, kept until a report arrives. */
  private List<EndpointStats> endpoints = List.of();
  private ReportFolder.Skipped skipped;

  LiveReports(Path directory, int capacity) {
    this.directory = directory;
    this.capacity = capacity;
  }

  /** On the writer thread: remembers the path, dropping the oldest waiting path beyond the capacity. */
  @Override
  public void accept(Path file) {
    written.add(file);
    if (waiting.incrementAndGet() > capacity && written.poll() != null) {
      waiting.decrementAndGet();
    }
  }

  /** The JSON of the requests after {@code cursor} (-1: all), with the endpoints table if anything is new. */
  synchronized String after(long cursor) throws IOException {
    boolean changed = catchUp();
    List<ViewerData.Numbered> newer = new ArrayList<>();
    for (ViewerData.Numbered report : reports) {
      if (report.id() > cursor) {
        newer.add(report);
      }
    }
    if (changed) {
      endpoints = EndpointStats.worstFirst(reports.stream().map(ViewerData.Numbered::report).toList());
    }
    boolean send = changed || cursor < 0 || !newer.isEmpty();
    return ViewerData.json("live", send ? endpoints : null, newer, lastId, skipped);
  }

  /** Reads the directory once, then the files written since; true if a report was added. */
  private boolean catchUp() throws IOException {
    boolean added = false;
    if (!loaded) {
      loaded = true;
      ReportFolder folder = ReportFolder.read(directory);
      skipped = folder.skipped();
      for (Report report : folder.reports()) {
        add(report);
        added = true;
      }
    }
    Path file;
    while ((file = written.poll()) != null) {
      waiting.decrementAndGet();
      // Files written while the directory was being listed are in both.
      if (file.getFileName().toString().compareTo(newestFile) <= 0) {
        continue;
      }
      try {
        add(ReportReader.read(file));
        added = true;
      } catch (UnreadableReportException goneOrBroken) {
        // Deleted by retention before it was read, or unreadable: the directory's count of either is not ours.
      }
    }
    return added;
  }

  private void add(Report report) {
    reports.addLast(new ViewerData.Numbered(++lastId, report));
    newestFile = report.fileName().compareTo(newestFile) > 0 ? report.fileName() : newestFile;
    while (reports.size() > capacity) {
      reports.removeFirst();
    }
  }
}
