package io.querylens.agent.cli;

import io.querylens.agent.view.ReportFolder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/** Reading the reports folder both commands take, with the messages both give. */
final class Folders {
  private Folders() {}

  /** Reads the folder, and says in one line on {@code err} how many files were skipped as unreadable. */
  static ReportFolder read(String directory, PrintStream err) throws UsageException {
    ReportFolder folder;
    try {
      folder = ReportFolder.read(Path.of(directory));
    } catch (InvalidPathException | NoSuchFileException missing) {
      throw new UsageException("no such reports directory: " + directory);
    } catch (NotDirectoryException notDirectory) {
      throw new UsageException("not a directory: " + directory + " (give the folder of reports, reports.dir)");
    } catch (IOException unreadable) {
      throw new UsageException("cannot list reports directory " + directory + ": " + unreadable);
    }
    ReportFolder.Skipped skipped = folder.skipped();
    if (skipped.count() > 0) {
      err.println("querylens: skipped " + Text.plural(skipped.count(), "unreadable report file",
          "unreadable report files") + ", the first " + skipped.firstFile() + ": " + skipped.firstReason());
    }
    return folder;
  }
}
