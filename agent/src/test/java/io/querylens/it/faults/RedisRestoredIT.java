package io.querylens.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querylens.agent.cache.store.CacheKeys;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Redis restarted from an older {@code dump.rdb} while two JVMs read and one writes: the snapshot holds an entry and
 * the table counter it was filled under, so without protection the restored entry looks current while the database
 * has newer rows. Entries are tied to the server run they were filled under, so no JVM serves anything from before
 * the restart: no stale read, and each JVM says once that Redis restarted.
 */
class RedisRestoredIT {
  private static final String FOOD_VERSION = CacheKeys.tableVersionKey("querylens", "food");

  @Test
  void anOlderSnapshotNeverServesItsEntries() throws Exception {
    try (RedisFaults redis = RedisFaults.launch();
        TwoJvms jvms = TwoJvms.launch(redis.urlSetting(), redis.urlSetting())) {
      jvms.startReaders();
      Write snapshotted = jvms.write();
      jvms.awaitHit(jvms.other, snapshotted.version(), 20_000);
      jvms.awaitHit(jvms.writer, snapshotted.version(), 20_000);
      redis.save(); // dump.rdb: the entry of this version, and the counter it was filled under
      String counterInSnapshot = redis.get(FOOD_VERSION);

      Write newer = jvms.write();
      jvms.awaitHit(jvms.other, newer.version(), 20_000);
      assertNotEquals(counterInSnapshot, redis.get(FOOD_VERSION), "the newer write moved the counter on");

      redis.kill(); // no save on the way down: the restart loads the older snapshot
      long restarted = System.nanoTime();
      redis.restart();
      assertEquals(counterInSnapshot, redis.get(FOOD_VERSION), "the counter went back with the snapshot");
      jvms.awaitHit(jvms.other, newer.version(), 30_000);
      long otherBack = TwoJvms.millisSince(restarted);
      jvms.awaitHit(jvms.writer, newer.version(), 30_000);
      Write afterTheRestore = jvms.write();
      jvms.awaitHit(jvms.other, afterTheRestore.version(), 20_000);
      TwoJvms.Reads reads = jvms.stopReaders();

      Staleness staleness = jvms.staleness(reads.all());
      TwoJvms.measured("restart from an older dump.rdb", staleness + "; hits of the newer rows back "
          + otherBack + " ms after the restart (other JVM)");
      assertEquals(0, staleness.staleReads(), staleness::toString);
      for (JvmUnderTest jvm : List.of(jvms.writer, jvms.other)) {
        assertTrue(jvm.onlyLine("restarted or failed over (a new server run)").contains("INFO querylens"),
            jvm::output);
        jvm.assertNoStackTrace();
      }
    }
  }
}
