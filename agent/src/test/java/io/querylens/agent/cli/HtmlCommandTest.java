package io.querylens.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querylens.agent.view.KnownReports;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlCommandTest {
  @TempDir
  Path directory;

  @Test
  void writesOnePageWithTheFoldersReports() throws Exception {
    Path reports = Files.createDirectory(directory.resolve("reports"));
    KnownReports.writeTo(reports);
    Path page = directory.resolve("out.html");

    Cli html = Cli.run("html", reports.toString(), "-o", page.toString());

    assertEquals(Main.OK, html.exitCode(), html.toString());
    assertEquals("Wrote " + page + ": 10 requests from " + reports + "; it opens in a browser without a network.\n",
        html.out());
    String written = Files.readString(page);
    assertTrue(written.startsWith("<!doctype html>"));
    assertTrue(written.contains(KnownReports.INGREDIENTS_SQL));
  }

  @Test
  void aMissingFolderIsAUsageError() {
    Cli html = Cli.run("html", directory.resolve("nowhere").toString());

    assertEquals(Main.USAGE, html.exitCode());
    assertTrue(html.err().startsWith("querylens: no such reports directory: "), html.err());
  }
}
