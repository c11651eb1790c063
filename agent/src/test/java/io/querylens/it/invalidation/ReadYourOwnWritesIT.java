package io.querylens.it.invalidation;

import static io.querylens.it.invalidation.FoodDatabase.SEED;
import static io.querylens.it.invalidation.FoodWrites.RENAMED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Inside a transaction that has written a table, a {@code @Cached} method that depends on it must see the
 * transaction's own writes (its body runs, through the transaction's connection, as Spring's JdbcTemplate does), and
 * must neither serve the committed entry nor store the uncommitted rows; every other thread keeps the committed
 * entry until the commit.
 */
class ReadYourOwnWritesIT {
  @RegisterExtension
  static final SeededFoodDatabase food = new SeededFoodDatabase("read_your_own_writes");

  @RegisterExtension
  final OtherThread otherThread = new OtherThread();

  private final SpringFoodNames names = new SpringFoodNames(food.dataSource());

  @Test
  void theWritingThreadSeesItsOwnWriteWhileOtherThreadsAreServedTheCommittedEntryUntilTheCommit() throws Exception {
    String label = CacheEntries.servedEntry(names);

    food.transactions().executeWithoutResult(status -> {
      assertEquals(SEED, names.names(label));
      assertEquals(1, names.runs(), "before the transaction writes, its thread is served the entry");

      food.renameMirin();
      assertEquals(RENAMED, names.names(label), "the method sees its own transaction's uncommitted write");
      assertEquals(2, names.runs());
      assertEquals(SEED, onOtherThread(label), "another thread is still served the committed entry");
      assertEquals(2, names.runs(), "the other thread's call was a hit, so the uncommitted rows were not stored");
      assertEquals(RENAMED, names.names(label), "and its thread keeps seeing its own write");
      assertEquals(3, names.runs());
    });

    assertEquals(RENAMED, onOtherThread(label), "once committed, every thread gets the new rows");
    assertEquals(4, names.runs());
    assertEquals(RENAMED, names.names(label));
  }

  @Test
  void aMissInsideAWritingTransactionStoresNothingThatARollbackWouldLeaveBehind() throws Exception {
    String label = Labels.next();

    food.transactions().executeWithoutResult(status -> {
      food.renameMirin();
      assertEquals(RENAMED, names.names(label), "a miss inside the transaction sees its write");
      status.setRollbackOnly();
    });

    // Had the miss stored what it read, rows that were never committed would be served now.
    assertEquals(SEED, names.names(label));
    assertEquals(2, names.runs());
  }

  @Test
  void afterARollbackTheCommittedEntryIsStillServed() throws Exception {
    String label = CacheEntries.servedEntry(names);

    food.transactions().executeWithoutResult(status -> {
      food.renameMirin();
      assertEquals(RENAMED, names.names(label));
      status.setRollbackOnly();
    });

    assertEquals(SEED, names.names(label));
    assertEquals(2, names.runs(), "a rollback bumps nothing: the entry is a hit again");
  }

  @Test
  void aTransactionThatWroteOnlyAnotherTableIsServedTheEntry() throws Exception {
    String label = CacheEntries.servedEntry(names);

    food.transactions().executeWithoutResult(status -> {
      food.jdbc().update("insert into food_note (id, note) values (1, 'mirin is sweet')");
      assertEquals(SEED, names.names(label));
      assertEquals(1, names.runs(), "the entry does not depend on food_note");
    });

    assertEquals(SEED, names.names(label));
    assertEquals(1, names.runs(), "nor does food_note's commit make it stale");
  }

  private List<String> onOtherThread(String label) {
    try {
      return otherThread.call(() -> names.names(label));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
