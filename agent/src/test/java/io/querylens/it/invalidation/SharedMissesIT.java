package io.querylens.it.invalidation;

import static io.querylens.it.invalidation.FoodDatabase.SEED;
import static io.querylens.it.invalidation.FoodWrites.RENAMED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.querylens.annotations.Cached;
import io.querylens.it.cache.TestRedis;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Concurrent misses of one key in a JVM share one run of the method. That sharing must not cross a transaction with
 * uncommitted writes to the method's tables, in either direction: a writing transaction sees its own writes, not
 * another thread's result, and no other thread is given rows a writing transaction read.
 *
 * <p>The agent bypasses the cache up front for a method it has already seen read the written table; these tests
 * cover the first fill of a method in the JVM, before it has learned that, so each uses a method of its own.
 */
class SharedMissesIT {
  private static FoodDatabase database;
  private static JdbcTemplate jdbc;
  private static TransactionTemplate transactions;
  private final OtherThread writer = new OtherThread();
  private final OtherThread reader = new OtherThread();

  /** Used by one test only, so that the call it watches is the method's first fill in this JVM. */
  public static class FirstFillWhileAnotherThreadWrites implements FoodNames {
    final JdbcTemplate jdbc;
    final AtomicInteger runs = new AtomicInteger();
    final FirstRunPause pause = new FirstRunPause();

    FirstFillWhileAnotherThreadWrites(DataSource pool) {
      this.jdbc = new JdbcTemplate(pool);
    }

    @Override
    @Cached(name = "inv-first-fill-a")
    public List<String> names(String label) {
      int run = runs.incrementAndGet();
      List<String> names = jdbc.queryForList("select name from food order by id", String.class);
      pause.afterRead(run);
      return names;
    }

    @Override
    public int runs() {
      return runs.get();
    }

    @Override
    public String cacheName() {
      return "inv-first-fill-a";
    }
  }

  /** Used by one test only, so that the call it watches is the method's first fill in this JVM. */
  public static class FirstFillInsideAWritingTransaction implements FoodNames {
    final JdbcTemplate jdbc;
    final AtomicInteger runs = new AtomicInteger();
    final FirstRunPause pause = new FirstRunPause();

    FirstFillInsideAWritingTransaction(DataSource pool) {
      this.jdbc = new JdbcTemplate(pool);
    }

    @Override
    @Cached(name = "inv-first-fill-b")
    public List<String> names(String label) {
      int run = runs.incrementAndGet();
      List<String> names = jdbc.queryForList("select name from food order by id", String.class);
      pause.afterRead(run);
      return names;
    }

    @Override
    public int runs() {
      return runs.get();
    }

    @Override
    public String cacheName() {
      return "inv-first-fill-b";
    }
  }

  @BeforeAll
  static void start() throws Exception {
    TestRedis.startAndAwaitCaching();
    database = FoodDatabase.create("shared_misses");
    jdbc = new JdbcTemplate(database.dataSource());
    transactions = new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));
  }

  @AfterAll
  static void stop() throws Exception {
    database.close();
    TestRedis.stop();
  }

  @BeforeEach
  void seed() throws Exception {
    database.reset();
  }

  @AfterEach
  void stopThreads() {
    writer.close();
    reader.close();
  }

  @Test
  void aWritingTransactionIsNotGivenTheResultOfAnotherThreadsMiss() throws Exception {
    FirstFillWhileAnotherThreadWrites names = new FirstFillWhileAnotherThreadWrites(database.dataSource());
    String label = Labels.next();
    Future<List<String>> otherMiss = reader.start(() -> names.names(label));
    names.pause.awaitRead();

    Future<List<String>> insideTransaction = writer.start(() -> transactions.execute(status -> {
      jdbc.update("update food set name = ? where id = ?", "hon mirin", 2);
      List<String> seen = names.names(label);
      status.setRollbackOnly();
      return seen;
    }));
    // If the transaction's call joined the paused miss, it is blocked on it now; if not, it has finished.
    awaitQuietly(insideTransaction);
    names.pause.letReturn();

    assertEquals(SEED, OtherThread.await(otherMiss));
    assertEquals(RENAMED, OtherThread.await(insideTransaction),
        "the transaction sees its own uncommitted write, not the committed rows another thread's miss read");
  }

  @Test
  void noOtherThreadIsGivenRowsAWritingTransactionRead() throws Exception {
    FirstFillInsideAWritingTransaction names = new FirstFillInsideAWritingTransaction(database.dataSource());
    String label = Labels.next();
    Future<List<String>> insideTransaction = writer.start(() -> transactions.execute(status -> {
      jdbc.update("update food set name = ? where id = ?", "hon mirin", 2);
      List<String> seen = names.names(label);
      status.setRollbackOnly();
      return seen;
    }));
    names.pause.awaitRead();

    Future<List<String>> otherMiss = reader.start(() -> names.names(label));
    awaitQuietly(otherMiss);
    names.pause.letReturn();

    assertEquals(RENAMED, OtherThread.await(insideTransaction));
    assertEquals(SEED, OtherThread.await(otherMiss),
        "another thread never gets rows that were not committed (and here never will be)");
    assertEquals(SEED, names.names(label));
  }

  /**
   * Gives a call that may be waiting for the paused run a moment to get there; whether it finished or not, the test's
   * assertions on values hold only if the agent keeps the transaction apart.
   */
  private static void awaitQuietly(Future<?> call) throws Exception {
    try {
      call.get(500, TimeUnit.MILLISECONDS);
    } catch (TimeoutException stillWaiting) {
      // expected when it joined the paused run
    }
  }
}
