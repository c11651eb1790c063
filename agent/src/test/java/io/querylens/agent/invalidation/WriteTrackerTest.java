package io.querylens.agent.invalidation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querylens.agent.bridge.TableBridge.Ending;
import io.querylens.agent.request.ThreadContext;
import io.querylens.agent.cache.store.RedisCacheStore;
import io.querylens.agent.cache.store.RedisProcess;
import io.querylens.agent.cache.store.RedisSettings;
import io.querylens.agent.cache.store.StoreCommands;
import io.querylens.agent.jdbc.tables.TableExtractor;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The write tracker fed directly, as the JDBC advice feeds it, with real H2 statements (for their connection and its
 * auto-commit mode) and a real redis-server holding the versions.
 */
class WriteTrackerTest {
  private static RedisProcess redis;
  private static RedisCacheStore store;
  private TableVersions versions;
  private WriteTracker tracker;
  private final List<String> notices = new ArrayList<>();
  private final ThreadContext thread = ThreadContext.current();

  @BeforeAll
  static void startRedis() throws Exception {
    redis = RedisProcess.launch();
    store = RedisCacheStore.connect(RedisSettings.defaults(redis.url()));
  }

  @AfterAll
  static void stopRedis() {
    store.close();
    redis.close();
  }

  @BeforeEach
  void newNamespace() {
    versions = new TableVersions(store, "wt" + System.nanoTime());
    tracker = new WriteTracker(new TableExtractor(100), versions, Set.of("AUDIT_LOG"), notices::add);
  }

  private String version(String table) {
    byte[] value = StoreCommands.get(store, versions.versionKey(table));
    return value == null ? "0" : new String(value, StandardCharsets.UTF_8);
  }

  private static Connection h2() throws Exception {
    return DriverManager.getConnection("jdbc:h2:mem:writetracker;DB_CLOSE_DELAY=-1");
  }

  @Test
  void anAutoCommitWriteBumpsAtOnceAndAReadNever() throws Exception {
    try (Connection connection = h2(); Statement statement = connection.createStatement()) {
      tracker.executed(thread, statement, "select * from food", false);
      assertEquals("0", version("food"));
      tracker.executed(thread, statement, "update food set name = 'x'", false);
      assertEquals("1", version("food"));
      tracker.executed(thread, statement, "update food set name = 'y'", true);
      assertEquals("1", version("food"), "a failed statement bumps nothing");
    }
  }

  @Test
  void aTransactionBumpsOnceAtCommitAndNotAtRollback() throws Exception {
    try (Connection connection = h2(); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      tracker.executed(thread, statement, "update food set name = 'x'", false);
      tracker.executed(thread, statement, "insert into recipe (id) values (1)", false);
      tracker.executed(thread, statement, "update food set name = 'y'", false);
      assertEquals("0", version("food"), "nothing before the commit");
      assertEquals(Set.of("food", "recipe"), tracker.uncommittedTables());

      tracker.transactionEnded(thread, connection, Ending.COMMIT);
      assertEquals("1", version("food"), "once per transaction, not per statement");
      assertEquals("1", version("recipe"));
      assertEquals(Set.of(), tracker.uncommittedTables());

      tracker.executed(thread, statement, "delete from food", false);
      tracker.transactionEnded(thread, connection, Ending.ROLLBACK);
      assertEquals("1", version("food"), "a rollback bumps nothing");
      assertEquals(Map.of("food", "1", "recipe", "1"), versions.readAll().value());
    }
  }

  @Test
  void excludedTablesNeitherInvalidateNorCountAsRead() throws Exception {
    try (Connection connection = h2(); Statement statement = connection.createStatement()) {
      TableReads reads = tracker.startReading();
      tracker.executed(thread, statement, "insert into audit_log (what) select name from food", false);
      tracker.stopReading(reads);
      assertEquals(Set.of("food"), reads.tables());
      assertEquals("0", version("audit_log"));
    }
  }

  @Test
  void aWriteWhoseTablesCannotBeNamedBumpsEverything() throws Exception {
    try (Connection connection = h2(); Statement statement = connection.createStatement()) {
      TableReads reads = tracker.startReading();
      tracker.executed(thread, statement, "{call refresh_prices(?)}", false);
      tracker.stopReading(reads);
      assertEquals("1", version(TableVersions.ANY));
      assertEquals("stored procedure call", reads.unknownReason(), "nothing read by it can be relied on");
    }
  }

  @Test
  void aWriteThatEmptiesTheCacheIsSaidOncePerStatementWithoutItsValues() throws Exception {
    try (Connection connection = h2(); Statement statement = connection.createStatement()) {
      tracker.executed(thread, statement, "{call refresh_prices(42, 'secret')}", false);
      tracker.executed(thread, statement, "{call refresh_prices(7, 'other')}", false);
      tracker.executed(thread, statement, "{call refresh_prices(?, ?)}", true);
      assertEquals(List.of("querylens: a write the agent cannot name empties every cache entry: "
          + "{call refresh_prices(?, ?)} (stored procedure call); logged once per statement"), notices);

      tracker.executed(thread, statement, "drop table food if exists", false);
      tracker.executed(thread, statement, "drop index if exists ix_food_name", false);
      assertEquals(1, notices.size(), "named DDL, and DDL of no table, empty nothing: " + notices);
      assertEquals("1", version("food"));
      assertEquals("2", version(TableVersions.ANY), "only the two calls that ran bumped everything");
    }
  }

  @Test
  void ddlOfNoTableStillCommitsTheWritesBeforeIt() throws Exception {
    try (Connection connection = h2(); Statement statement = connection.createStatement()) {
      connection.setAutoCommit(false);
      tracker.executed(thread, statement, "update food set name = 'x'", false);
      tracker.executed(thread, statement, "create sequence if not exists food_seq", false);
      assertEquals("1", version("food"), "H2 committed the update with the DDL");
      tracker.transactionEnded(thread, connection, Ending.ROLLBACK);
      assertEquals("1", version("food"), "the rollback cannot take it back");
    }
  }

  @Test
  void nestedReadersEachSeeTheTablesReadInsideThem() throws Exception {
    try (Connection connection = h2(); Statement statement = connection.createStatement()) {
      TableReads outer = tracker.startReading();
      tracker.executed(thread, statement, "select * from recipe", false);
      TableReads inner = tracker.startReading();
      tracker.executed(thread, statement, "select * from food f join ingredient i on i.food_id = f.id", false);
      tracker.stopReading(inner);
      tracker.readThroughCache(Set.of("unit"));
      tracker.stopReading(outer);
      assertEquals(Set.of("food", "ingredient"), inner.tables());
      assertEquals(Set.of("recipe", "food", "ingredient", "unit"), outer.tables());
      assertNull(outer.unknownReason());
    }
  }

  @Test
  void aBumpThatCannotReachRedisIsOwedAndDeliveredWhenRedisIsBack() throws Exception {
    RedisProcess other = RedisProcess.launch();
    int port = other.port();
    RedisCacheStore otherStore = RedisCacheStore.connect(RedisSettings.defaults(other.url()));
    TableVersions owedVersions = new TableVersions(otherStore, "owed");
    WriteTracker owing = new WriteTracker(new TableExtractor(10), owedVersions, Set.of(), notices::add);
    try (Connection connection = h2(); Statement statement = connection.createStatement()) {
      other.close();
      owing.executed(thread, statement, "update food set name = 'x'", false);
      assertEquals(false, owing.settled(), "owed while Redis is away");

      // Back, empty (no persistence): the retry delivers the bump by itself, with no lookup or write here.
      other = RedisProcess.launchOn(port);
      RedisCacheStore observer = RedisCacheStore.connect(RedisSettings.defaults(other.url()));
      long deadline = System.currentTimeMillis() + 30_000;
      while (StoreCommands.get(observer, owedVersions.versionKey("food")) == null && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertEquals("1", new String(StoreCommands.get(observer, owedVersions.versionKey("food")), StandardCharsets.UTF_8));
      observer.close();
    } finally {
      otherStore.close();
      other.close();
    }
  }
}
