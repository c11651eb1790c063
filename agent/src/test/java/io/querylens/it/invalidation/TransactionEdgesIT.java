package io.querylens.it.invalidation;

import static io.querylens.it.invalidation.FoodDatabase.SEED;
import static io.querylens.it.invalidation.FoodWrites.RENAMED;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Transactions that begin or end without {@code setAutoCommit(false)} / {@code commit()} pairs: the agent must
 * neither bump before the commit (a reader in between would store the old rows under the new versions) nor miss the
 * commit.
 */
class TransactionEdgesIT {
  @RegisterExtension
  static final RunningRedis redis = new RunningRedis();

  @RegisterExtension
  final OtherThread otherThread = new OtherThread();

  @Test
  void aPoolThatHandsOutConnectionsWithoutAutocommitBumpsAtTheCommitNotAtTheStatement() throws Exception {
    try (FoodDatabase database = FoodDatabase.create("without_autocommit", false)) {
      FoodNames names = new PlainJdbcFoodNames(database.dataSource());
      String label = Labels.next();
      CacheEntries.fillAndCheckServed(names, label, SEED);

      try (Connection writer = database.dataSource().getConnection(); Statement update = writer.createStatement()) {
        update.executeUpdate("update food set name = 'hon mirin' where id = 2");
        // Were the write taken for an auto-commit one, food's version would move now, this miss would read the old
        // rows under the new version, and the commit would move nothing: the old rows would be served after it.
        assertEquals(SEED, otherThread.call(() -> names.names(label)), "not committed yet");
        writer.commit();
      }

      assertEquals(RENAMED, otherThread.call(() -> names.names(label)), "fresh once the commit returned");
    }
  }

  @Test
  void switchingAutocommitOnCommitsAndInvalidatesBeforeTheConnectionIsClosed() throws Exception {
    try (FoodDatabase database = FoodDatabase.create("autocommit_switched_on")) {
      FoodNames names = new PlainJdbcFoodNames(database.dataSource());
      String label = Labels.next();
      CacheEntries.fillAndCheckServed(names, label, SEED);

      try (Connection writer = database.dataSource().getConnection(); Statement update = writer.createStatement()) {
        writer.setAutoCommit(false);
        update.executeUpdate("update food set name = 'hon mirin' where id = 2");
        writer.setAutoCommit(true); // JDBC: this commits the transaction

        assertEquals(RENAMED, otherThread.call(() -> names.names(label)), "fresh while the connection is still open");
      }
    }
  }
}
