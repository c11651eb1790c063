package io.querylens.agent.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFolderTest {
  @TempDir Path reports;

  @Test
  void readsReportsInNameOrderAndSkipsWhatIsNotAReport() throws Exception {
    ReportFiles files = new ReportFiles(reports);
    Path first = files.request("GET", "/a").statement("select 1", 1, 1, null).write();
    Path second = files.request("GET", "/b").write();
    // A report being written: hidden until it is renamed into place, and possibly incomplete.
    Files.writeString(reports.resolve("." + second.getFileName() + ".tmp"), "{\"formatVersion\": 1, \"requ");
    Files.writeString(reports.resolve("notes.txt"), "not a report");
    Files.createDirectory(reports.resolve("older.json"));

    ReportFolder folder = ReportFolder.read(reports);

    assertEquals(List.of(first.getFileName().toString(), second.getFileName().toString()),
        folder.reports().stream().map(Report::fileName).toList());
    assertEquals(0, folder.skipped().count());
    Report report = folder.reports().get(0);
    assertEquals("GET /a", report.endpoint());
    assertEquals(1, report.queryCount());
    assertEquals("2026-11-28T08:00:00Z", report.startedAt());
  }

  @Test
  void corruptFilesAreCountedAndTheFirstNamedNeverThrown() throws Exception {
    new ReportFiles(reports).request("GET", "/a").write();
    Files.writeString(reports.resolve("a-cut-short.json"), "{\"formatVersion\": 1, \"request\": {\"meth");
    Files.writeString(reports.resolve("b-newer.json"), "{\"formatVersion\": 2}");
    Files.writeString(reports.resolve("c-no-queries.json"),
        "{\"formatVersion\": 1, \"request\": {\"method\": \"GET\", \"path\": \"/\", \"status\": 200}}");
    Files.write(reports.resolve("d-binary.json"), new byte[] {0, (byte) 0xff, 0x13});

    ReportFolder folder = ReportFolder.read(reports);

    assertEquals(1, folder.reports().size());
    assertEquals(4, folder.skipped().count());
    assertEquals("a-cut-short.json", folder.skipped().firstFile());
    assertTrue(folder.skipped().firstReason().startsWith("not JSON"), folder.skipped().firstReason());
  }

  @Test
  void whyAFileIsUnreadable() throws Exception {
    Files.writeString(reports.resolve("newer.json"), "{\"formatVersion\": 2}");
    Files.writeString(reports.resolve("partial.json"),
        "{\"formatVersion\": 1, \"request\": {\"method\": \"GET\", \"path\": \"/\", \"status\": 200}}");

    UnreadableReportException newer =
        assertThrows(UnreadableReportException.class, () -> ReportReader.read(reports.resolve("newer.json")));
    UnreadableReportException partial =
        assertThrows(UnreadableReportException.class, () -> ReportReader.read(reports.resolve("partial.json")));

    assertEquals("formatVersion 2; this reader knows 1", newer.getMessage());
    assertEquals("queries is missing or not an object", partial.getMessage());
  }

  @Test
  void unknownFieldsAreIgnored() throws Exception {
    Path file = new ReportFiles(reports).request("GET", "/a").write();
    Files.writeString(file, Files.readString(file).replaceFirst("\\{", "{\"addedLater\": {\"x\": [1, 2]},"));

    assertEquals(1, ReportFolder.read(reports).reports().size());
  }

  @Test
  void aMissingFolderOrAFileIsAnError(@TempDir Path elsewhere) throws Exception {
    assertThrows(NoSuchFileException.class, () -> ReportFolder.read(elsewhere.resolve("absent")));
    Path file = Files.writeString(elsewhere.resolve("file.json"), "{}");
    assertThrows(NotDirectoryException.class, () -> ReportFolder.read(file));
  }
}
