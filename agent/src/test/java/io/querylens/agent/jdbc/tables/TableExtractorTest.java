package io.querylens.agent.jdbc.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The extractor's pipeline around the parser: memo, limits, timeout, statement splitting, names, never throwing. */
class TableExtractorTest {

  private final TableExtractor extractor = new TableExtractor(100);

  @Test
  void nothingToParseIsNone() {
    assertSame(TableAccess.NONE, extractor.of(null));
    assertSame(TableAccess.NONE, extractor.of(""));
    assertSame(TableAccess.NONE, extractor.of("  \n\t"));
    assertSame(TableAccess.NONE, extractor.of("-- update recipe"));
    assertSame(TableAccess.NONE, extractor.of("/* delete from recipe */ ;"));
  }

  @Test
  void aHitIsTheRememberedResult() {
    String sql = "select r1_0.name from recipe r1_0";
    TableAccess first = extractor.of(sql);
    assertSame(first, extractor.of(new String(sql))); // looked up by content: the driver's string is a new one
    assertEquals(1, extractor.size());
  }

  @Test
  void theMemoIsEmptiedWhenFull() {
    TableExtractor small = new TableExtractor(3);
    for (int i = 0; i < 10; i++) {
      small.of("select * from t" + i);
      assertTrue(small.size() <= 3, "size " + small.size());
    }
    assertEquals(Set.of("t9"), small.of("select * from t9").reads());
  }

  /** A bulk insert of literal rows skips the parser for its length, and the scan still names its one target. */
  @Test
  void aLongBulkInsertHasItsTargetNamedByTheScan() {
    StringBuilder sql = new StringBuilder("insert into ingredient (recipe_id, food_id, amount, unit) values ");
    for (int row = 0; row < 500; row++) {
      sql.append(row == 0 ? "" : ", ").append("(").append(row).append(", 2, 1.5, 'from food; delete')");
    }
    assertTrue(sql.length() > TableExtractor.DEFAULT_MAX_PARSED_LENGTH);
    TableAccess access = extractor.of(sql.toString());
    assertEquals(Set.of("ingredient"), access.writes());
    assertEquals(Set.of(), access.reads());
    assertFalse(access.writesUnknown());
    assertTrue(access.reason().startsWith(TableAccess.UNPARSABLE + " (longer than 10000 chars"), access.reason());
    assertEquals(0, extractor.size(), "over-long statements are not remembered");
  }

  @Test
  void aLongQueryIsReadByTheScan() {
    StringBuilder sql = new StringBuilder(
        "select * from recipe r join ingredient i on i.recipe_id = r.id where r.id in (");
    for (int i = 0; i < 5_000; i++) {
      sql.append(i == 0 ? "?" : ", ?");
    }
    TableAccess access = extractor.of(sql.append(")").toString());
    assertEquals(Set.of("recipe", "ingredient"), access.reads());
    assertFalse(access.isWrite());
  }

  @Test
  void deepNestingSkipsTheParser() {
    int depth = TableExtractor.MAX_PARSED_DEPTH + 1;
    String sql = "select * from recipe where id in "
        + "(select recipe_id from ingredient where food_id in ".repeat(depth) + "(1)" + ")".repeat(depth);
    TableAccess access = extractor.of(sql);
    assertEquals(Set.of("recipe", "ingredient"), access.reads());
    assertTrue(access.reason().contains("nested deeper than"), access.reason());
  }

  /**
   * Thirty nested IN subqueries keep JSqlParser's backtracking busy for far longer than 50 ms (ten take about 0.3 s):
   * the caller gets the scan's result after the deadline, and keeps it.
   */
  @Test
  void aSlowParseTimesOutToTheScan() {
    TableExtractor impatient = new TableExtractor(10, false, 50, TableExtractor.DEFAULT_MAX_PARSED_LENGTH);
    StringBuilder sql = new StringBuilder("select * from t0 where id in ");
    Set<String> tables = new HashSet<>(Set.of("t0"));
    for (int i = 1; i <= 30; i++) {
      sql.append("(select id from t").append(i).append(" where id in ");
      tables.add("t" + i);
    }
    sql.append("(1)").append(")".repeat(30));
    long start = System.nanoTime();
    TableAccess access = impatient.of(sql.toString());
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(access.reason().contains("parse timed out after 50 ms"), access.reason());
    assertEquals(tables, access.reads());
    assertTrue(millis < 5_000, millis + " ms");
    assertEquals(1, impatient.size(), "a timed-out statement is remembered, so it costs the timeout once");
  }

  @Test
  void statementsOfOneStringAreUnited() {
    TableAccess access = extractor.of("select * from recipe; update food set name = ?; call refresh_totals()");
    assertEquals(Set.of("recipe"), access.reads());
    assertEquals(Set.of("food"), access.writes());
    assertTrue(access.writesUnknown());
    assertEquals(TableAccess.STORED_PROCEDURE, access.reason());
  }

  /** JSqlParser stops after one statement; text after it must not be ignored. */
  @Test
  void textAfterTheStatementIsNotIgnored() {
    TableAccess access = extractor.of("select * from recipe delete from food");
    assertTrue(access.writesUnknown(), access.toString());
    assertTrue(access.reason().startsWith(TableAccess.UNPARSABLE_WRITE), access.reason());
  }

  @Test
  void schemasAreKeptWhenAsked() {
    String sql =
        "select * from public.recipe r join recipe r2 on r2.id = r.id join cookbook.public.\"Food\" f on 1 = 1";
    Set<String> expected = Set.of("public.recipe", "recipe", "cookbook.public.Food");
    assertEquals(expected, new TableExtractor(10, true, 10_000, 10_000).of(sql).reads());
    assertEquals(expected, new TableExtractor(10, true, 10_000, 1).of(sql).reads(), "keyword scan");
    assertEquals(Set.of("recipe", "Food"), extractor.of(sql).reads());
  }

  @Test
  void neverThrows() {
    List<String> hostile = List.of("\u0000", "'unterminated", "\"unterminated", "/* unterminated", "$$", "$tag$ x",
        "[", ")))(((", "select (", "select * from", "insert into", "update", "delete from ;", "{call", "{?=",
        "with", "with x as (", "select * from t where x = E'\\", "create table", "drop", "merge into t using",
        "select * from (((((", ";;;;", "\uD800", "select * from `", "-- \n --", "values (", "table");
    for (String sql : hostile) {
      assertNotNull(extractor.of(sql), sql);
      assertNotNull(new TableExtractor(10, true, 10_000, 1).of(sql), sql);
    }
  }

  @Test
  void settingsAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> new TableExtractor(0));
    assertThrows(IllegalArgumentException.class, () -> new TableExtractor(1, false, 0, 10));
    assertThrows(IllegalArgumentException.class, () -> new TableExtractor(1, false, 10, 0));
  }

  @Test
  void accessIsAValue() {
    assertFalse(TableAccess.NONE.isWrite());
    assertTrue(new TableAccess(Set.of(), Set.of("t"), false, "").isWrite());
    assertTrue(new TableAccess(Set.of("t"), Set.of(), true, "why").isWrite());
    TableAccess access = new TableAccess(new HashSet<>(Set.of("a")), new HashSet<>(), false, null);
    assertEquals("", access.reason());
    assertThrows(UnsupportedOperationException.class, () -> access.reads().add("b"));
  }
}
