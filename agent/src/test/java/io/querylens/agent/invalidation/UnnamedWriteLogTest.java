package io.querylens.agent.invalidation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnnamedWriteLogTest {
  private final List<String> lines = new ArrayList<>();

  @Test
  void eachStatementIsLoggedOnceByItsFingerprint() {
    UnnamedWriteLog log = new UnnamedWriteLog(lines::add, 10);
    log.wrote("call archive(30, 'cold')", "stored procedure call");
    log.wrote("CALL archive(  7, 'warm' )", "stored procedure call");
    log.wrote("call archive(?, ?)", "stored procedure call");
    assertEquals(List.of("querylens: a write the agent cannot name empties every cache entry: call archive(?, ?)"
        + " (stored procedure call); logged once per statement"), lines.subList(0, 1));
    // Whitespace and case are kept by the fingerprint: a differently spelled call is a statement of its own.
    assertEquals(2, lines.size(), lines.toString());
    assertFalse(lines.get(1).contains("7") || lines.get(1).contains("warm"), lines.get(1));
  }

  @Test
  void aLongStatementIsShortened() {
    UnnamedWriteLog log = new UnnamedWriteLog(lines::add, 10);
    log.wrote("drop schema s cascade; " + "select 1 from t where x = 'secret'; ".repeat(100), "DDL");
    assertEquals(1, lines.size());
    assertTrue(lines.get(0).length() < UnnamedWriteLog.SHOWN_LENGTH + 120, lines.get(0));
    assertFalse(lines.get(0).contains("secret"), lines.get(0));
  }

  @Test
  void pastTheBoundItSaysSoOnceAndLogsNoMore() {
    UnnamedWriteLog log = new UnnamedWriteLog(lines::add, 2);
    log.wrote("call a()", "stored procedure call");
    log.wrote("call b()", "stored procedure call");
    log.wrote("call c()", "stored procedure call");
    log.wrote("call d()", "stored procedure call");
    log.wrote("call a()", "stored procedure call");
    assertEquals(3, lines.size(), lines.toString());
    assertTrue(lines.get(2).startsWith("querylens: 2 different writes the agent cannot name have been logged"),
        lines.get(2));
  }
}
