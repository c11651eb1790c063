package io.querylens.it.invalidation;

import static io.querylens.it.invalidation.FoodDatabase.SEED;
import static io.querylens.it.invalidation.FoodWrites.RENAMED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.querylens.annotations.Cached;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Concurrent misses of one key in a JVM share one run of the method. That sharing must not cross a transaction with
 * uncommitted writes to the method's tables, in either direction: a writing transaction sees its own writes, not
 * another thread's result, and no other thread is given rows a writing transaction read.
 *
 * <p>The agent bypasses the cache up front for a method it has already seen read the written table; these tests
 * cover the first fill of a method in the JVM, before it has learned that, so each uses a method of its own.
 */
class SharedMissesIT {
  @RegisterExtension
  static final SeededFoodDatabase food = new SeededFoodDatabase("shared_misses");

  @RegisterExtension
  final OtherThread writer = new OtherThread();

  @RegisterExtension
  final OtherThread reader = new OtherThread();

  /** Used by one test only, so that the call it watches is the method's first fill in this JVM. */
  public static class FirstFillWhileAnotherThreadWrites extends PausingFoodNames {
    FirstFillWhileAnotherThreadWrites(DataSource pool) {
      super(pool, "inv-first-fill-a");
    }

    @Override
    @Cached(name = "inv-first-fill-a")
    public List<String> names(String label) {
      return readPausingTheFirstRun();
    }
  }

  /** Used by one test only, so that the call it watches is the method's first fill in this JVM. */
  public static class FirstFillInsideAWritingTransaction extends PausingFoodNames {
    FirstFillInsideAWritingTransaction(DataSource pool) {
      super(pool, "inv-first-fill-b");
    }

    @Override
    @Cached(name = "inv-first-fill-b")
    public List<String> names(String label) {
      return readPausingTheFirstRun();
    }
  }

  @Test
  void aWritingTransactionIsNotGivenTheResultOfAnotherThreadsMiss() throws Exception {
    FirstFillWhileAnotherThreadWrites names = new FirstFillWhileAnotherThreadWrites(food.dataSource());
    String label = Labels.next();
    Future<List<String>> otherMiss = reader.startAndAwaitRead(names.pause, () -> names.names(label));

    Future<List<String>> insideTransaction = writer.start(() -> renameThenCallThenRollBack(names, label));
    // If the transaction's call joined the paused miss, it is blocked on it now; if not, it has finished.
    awaitQuietly(insideTransaction);
    names.pause.letReturn();

    assertEquals(SEED, OtherThread.await(otherMiss));
    assertEquals(RENAMED, OtherThread.await(insideTransaction),
        "the transaction sees its own uncommitted write, not the committed rows another thread's miss read");
  }

  @Test
  void noOtherThreadIsGivenRowsAWritingTransactionRead() throws Exception {
    FirstFillInsideAWritingTransaction names = new FirstFillInsideAWritingTransaction(food.dataSource());
    String label = Labels.next();
    Future<List<String>> insideTransaction =
        writer.startAndAwaitRead(names.pause, () -> renameThenCallThenRollBack(names, label));

    Future<List<String>> otherMiss = reader.start(() -> names.names(label));
    awaitQuietly(otherMiss);
    names.pause.letReturn();

    assertEquals(RENAMED, OtherThread.await(insideTransaction));
    assertEquals(SEED, OtherThread.await(otherMiss),
        "another thread never gets rows that were not committed (and here never will be)");
    assertEquals(SEED, names.names(label));
  }

  /** In a transaction that wrote food, and that is rolled back afterwards: what the call returned there. */
  private static List<String> renameThenCallThenRollBack(FoodNames names, String label) {
    return food.transactions().execute(status -> {
      food.renameMirin();
      List<String> seen = names.names(label);
      status.setRollbackOnly();
      return seen;
    });
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
