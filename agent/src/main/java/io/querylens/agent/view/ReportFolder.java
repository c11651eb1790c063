package io.querylens.agent.view;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The reports of one folder, in file-name order (which is start-time order: names begin with the time).
 *
 * <p>Only {@code *.json} files are read. Hidden files are skipped: the agent writes each report to a hidden
 * {@code .<name>.tmp} first and renames it, so a hidden file is one being written. A file that cannot be read or
 * parsed is counted in {@link #skipped()} and never stops the rest: a folder copied from a server may hold a file cut
 * short by a full disk.
 */
public record ReportFolder(Path directory, List<Report> reports, Skipped skipped) {

  public ReportFolder {
    reports = List.copyOf(reports);
  }

  /** Unreadable files: how many, and the first one (by name) with the reason, to look at. */
  public record Skipped(int count, String firstFile, String firstReason) {
    static final Skipped NONE = new Skipped(0, null, null);
  }

  /**
   * @throws NoSuchFileException if {@code directory} does not exist
   * @throws NotDirectoryException if it is not a directory
   * @throws IOException if it cannot be listed
   */
  public static ReportFolder read(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      throw new NoSuchFileException(directory.toString(), null, "no such directory");
    }
    if (!Files.isDirectory(directory)) {
      throw new NotDirectoryException(directory.toString());
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(directory)) {
      files = listing.filter(ReportFolder::isReportFile).sorted().toList();
    }
    List<Report> reports = new ArrayList<>(files.size());
    Skipped skipped = Skipped.NONE;
    for (Path file : files) {
      try {
        reports.add(ReportReader.read(file));
      } catch (UnreadableReportException unreadable) {
        skipped = skipped.count() == 0
            ? new Skipped(1, file.getFileName().toString(), unreadable.getMessage())
            : new Skipped(skipped.count() + 1, skipped.firstFile(), skipped.firstReason());
      }
    }
    return new ReportFolder(directory, reports, skipped);
  }

  private static boolean isReportFile(Path file) {
    String name = file.getFileName().toString();
    return !name.startsWith(".") && name.endsWith(".json") && Files.isRegularFile(file);
  }
}
