package io.querylens.agent.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.querylens.agent.view.KnownReports;
import io.querylens.agent.view.ReportFiles;
import io.querylens.agent.view.ReportFolder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The written page: the reports are in it, and nothing in them can end its script early. */
class ViewerPageTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path reports;

  @Test
  void holdsEveryReportAndTheEndpointsTable() throws Exception {
    KnownReports.writeTo(reports);
    JsonNode data = embeddedData(ViewerPage.of(ReportFolder.read(reports)));

    assertEquals(10, data.get("requests").size());
    JsonNode worst = data.get("endpoints").get(0);
    assertEquals("GET /api/recipes", worst.get("endpoint").asText());
    assertEquals(3, worst.get("requests").asInt());
    assertEquals(81, worst.get("maxQueries").asInt());
    assertEquals(2, worst.get("nPlusOneStatements").asInt());
    JsonNode first = data.get("requests").get(0);
    JsonNode ingredients = first.get("statements").get(1);
    assertEquals(KnownReports.INGREDIENTS_SQL, data.get("strings").get(ingredients.get(0).asInt()).asText());
    assertEquals(52, ingredients.get(1).asInt());
    assertEquals(KnownReports.INGREDIENTS_SITE, data.get("strings").get(ingredients.get(3).asInt()).asText());
    assertEquals(1, ingredients.get(4).asInt(), "flagged N+1");
  }

  @Test
  void aPathOrSqlHoldingMarkupCannotEndTheScript() throws Exception {
    String hostile = "/x</script><script>alert(1)</script>";
    new ReportFiles(reports).request("GET", hostile)
        .statement("select '</script><!--' from dual", 1, 1, null).write();
    String page = ViewerPage.of(ReportFolder.read(reports));

    assertFalse(page.contains("<script>alert(1)"), "markup from a report reaches the page only as JSON text");
    assertEquals(2, page.split("</script>", -1).length - 1, "only the page's own two script elements end");
    assertEquals(hostile, embeddedData(page).get("requests").get(0).get("path").asText());
    assertTrue(page.contains("default-src 'none'"), "the written page may not reach the network");
  }

  private static JsonNode embeddedData(String page) throws Exception {
    String start = "<script id=\"querylens-data\" type=\"application/json\">";
    int from = page.indexOf(start) + start.length();
    return JSON.readTree(page.substring(from, page.indexOf("</script>", from)));
  }
}
