package io.querylens.it.invalidation;

import static io.querylens.it.invalidation.FoodDatabase.SEED;
import static io.querylens.it.invalidation.FoodWrites.RENAMED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.querylens.annotations.Cached;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The race invalidation must win: a miss reads the old rows, a write commits while the miss's method is still
 * running, then the method returns. Its result goes to its own caller, but it must never be served afterwards: the
 * entry keeps the table versions read before the method ran, which the commit moved on. Latches inside the cached
 * method force the interleaving; nothing depends on timing.
 */
class FillRaceIT {
  @RegisterExtension
  static final SeededFoodDatabase food = new SeededFoodDatabase("fill_race");

  @RegisterExtension
  final OtherThread reader = new OtherThread();

  @Test
  void anAutocommitWriteWhileTheMissIsPausedAfterItsReadLeavesNoStaleEntry() throws Exception {
    PausingFoodNames names = new PausingFoodNames(food.dataSource());
    String label = Labels.next();
    Future<List<String>> miss = reader.startAndAwaitRead(names.pause, () -> names.names(label));

    food.renameMirin();
    names.pause.letReturn();

    assertEquals(SEED, OtherThread.await(miss), "the miss returns what it read to its own caller");
    CacheEntries.awaitFillAttempt(names.cacheName(), label);
    assertEquals(RENAMED, names.names(label), "the rows read before the write are not served after it");
    assertEquals(2, names.runs());
    CacheEntries.awaitServed(names, label, RENAMED);
  }

  @Test
  void aTransactionThatWroteBeforeTheReadAndCommitsDuringTheMissLeavesNoStaleEntry() throws Exception {
    PausingFoodNames names = new PausingFoodNames(food.dataSource());
    String label = Labels.next();
    try (Connection writer = food.dataSource().getConnection(); Statement update = writer.createStatement()) {
      writer.setAutoCommit(false);
      update.executeUpdate("update food set name = 'hon mirin' where id = 2");
      // it reads the committed rows: the write is not committed yet
      Future<List<String>> miss = reader.startAndAwaitRead(names.pause, () -> names.names(label));

      writer.commit();
      names.pause.letReturn();

      assertEquals(SEED, OtherThread.await(miss));
    }
    CacheEntries.awaitFillAttempt(names.cacheName(), label);
    assertEquals(RENAMED, names.names(label), "the rows read before the commit are not served after it");
    assertEquals(2, names.runs());
    CacheEntries.awaitServed(names, label, RENAMED);
  }

  /**
   * Which table it reads depends on its argument: the agent learns a method's tables from its fills, and a miss
   * that reads a table the method was not seen reading before has no version of it read up front.
   */
  public static class FoodOrNotes {
    final JdbcTemplate jdbc;
    final AtomicInteger runs = new AtomicInteger();
    final FirstRunPause pause = new FirstRunPause();

    FoodOrNotes(DataSource pool) {
      this.jdbc = new JdbcTemplate(pool);
    }

    @Cached(name = "inv-food-or-notes")
    public List<String> rows(String label, boolean notes) {
      List<String> rows = jdbc.queryForList(notes ? "select note from food_note order by id"
          : "select name from food order by id", String.class);
      if (notes) {
        pause.afterRead(runs.incrementAndGet());
      }
      return rows;
    }
  }

  @Test
  void aWriteWhileAMissReadsATableItsMethodWasNotSeenReadingBeforeLeavesNoStaleEntry() throws Exception {
    FoodOrNotes method = new FoodOrNotes(food.dataSource());
    String label = Labels.next();
    assertEquals(SEED, method.rows(label, false)); // the method's first fill: the agent learns it reads food
    CacheEntries.awaitStored("inv-food-or-notes", label);

    Future<List<String>> miss = reader.startAndAwaitRead(method.pause, () -> method.rows(label, true));
    food.jdbc().update("insert into food_note (id, note) values (1, 'mirin is sweet')");
    method.pause.letReturn();

    assertEquals(List.of(), OtherThread.await(miss));
    CacheEntries.awaitFillAttempt("inv-food-or-notes", label + "\",true");
    assertEquals(List.of("mirin is sweet"), method.rows(label, true),
        "the notes read before the write are not served after it");
  }

  @Test
  void aMissThatStartsAfterTheCommitFillsAnEntryThatIsServed() throws Exception {
    PausingFoodNames names = new PausingFoodNames(food.dataSource());
    names.pause.letReturn(); // the opposite order: nothing to wait for
    food.renameMirin();

    CacheEntries.fillAndCheckServed(names, Labels.next(), RENAMED);
    assertEquals(1, names.runs(), "a write before the miss does not make its entry stale");
  }

  /**
   * A write right after a miss returns, while its entry may still be on its way to Redis (the JVM serves it from
   * memory until it lands) or may have landed: either way the next call is fresh. Repeated, so that both cases are
   * likely to occur; each round is correct whichever happened.
   */
  @Test
  void aWriteRightAfterAMissIsSeenWhetherOrNotTheEntryHasLanded() throws Exception {
    for (int round = 0; round < 20; round++) {
      food.database().reset();
      SpringFoodNames names = new SpringFoodNames(food.dataSource());
      String label = Labels.next();
      assertEquals(SEED, names.names(label));
      food.renameMirin();
      assertEquals(RENAMED, names.names(label), "round " + round);
      assertEquals(2, names.runs(), "round " + round);
    }
  }
}
