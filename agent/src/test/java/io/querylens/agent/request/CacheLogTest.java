package io.querylens.agent.request;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CacheLogTest {
  @Test
  void anOwedBumpIsNotListedAsInvalidated() {
    CacheLog log = new CacheLog();
    log.owed(Set.of("food"), "");
    assertEquals(List.of(), log.invalidatedTables());
    assertEquals(List.of("food"), log.invalidationOwed());
    assertNull(log.invalidatedAllBecause());
  }

  @Test
  void aLaterBumpThatReachesRedisDeliversWhatTheRequestOwed() {
    CacheLog log = new CacheLog();
    log.owed(Set.of("food"), "");
    log.invalidated(Set.of("recipe"), "");
    assertEquals(List.of("food", "recipe"), log.invalidatedTables());
    assertEquals(List.of(), log.invalidationOwed());
  }

  @Test
  void anOwedBumpOfEveryTableSaysWhy() {
    CacheLog log = new CacheLog();
    log.owed(Set.of("*"), "stored procedure call");
    assertEquals(List.of("*"), log.invalidationOwed());
    assertEquals("stored procedure call", log.invalidatedAllBecause());
  }
}
