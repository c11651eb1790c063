package io.querylens.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of Redis while two JVMs read and one of them writes, then a restart on the same port, empty (no
 * persistence). No stale read at any time: while Redis is gone every JVM runs the method uncached, and the restarted
 * Redis holds no entry to serve. Each JVM says once that Redis is unusable and once that it is back; the write made
 * meanwhile is reported as owed, and delivered.
 */
class RedisKilledIT {
  @Test
  void noStaleReadAcrossAKillAndARestart() throws Exception {
    try (RedisFaults redis = RedisFaults.launch();
        TwoJvms jvms = TwoJvms.launch(redis.urlSetting(), redis.urlSetting())) {
      jvms.startReaders();
      Write first = jvms.write();
      jvms.awaitHit(jvms.other, first.version(), 20_000);
      Write beforeTheKill = jvms.write();
      jvms.awaitHit(jvms.other, beforeTheKill.version(), 20_000);

      long killed = System.nanoTime();
      redis.kill();
      Write meanwhile = jvms.write();
      // The readers keep calling while both JVMs find out and say so.
      jvms.writer.awaitLine("is unusable: ");
      jvms.other.awaitLine("is unusable: ");
      redis.restart();
      long restarted = System.nanoTime();
      jvms.awaitHit(jvms.other, meanwhile.version(), 30_000);
      long otherBack = TwoJvms.millisSince(restarted);
      jvms.awaitHit(jvms.writer, meanwhile.version(), 30_000);
      long writerBack = TwoJvms.millisSince(restarted);
      Write afterTheRestart = jvms.write();
      jvms.awaitHit(jvms.other, afterTheRestart.version(), 20_000);
      TwoJvms.Reads reads = jvms.stopReaders();

      Staleness staleness = jvms.staleness(reads.all());
      TwoJvms.measured("kill -9 + restart", staleness + "; hits back " + otherBack + " ms (other JVM) and "
          + writerBack + " ms (writer) after the restart; slowest call from the kill on "
          + reads.slowestSince(killed).millis() + " ms");
      assertEquals(0, staleness.staleReads(), staleness::toString);

      for (JvmUnderTest jvm : List.of(jvms.writer, jvms.other)) {
        assertTrue(jvm.onlyLine("is unusable: ").contains("WARN querylens"), jvm::output);
        assertTrue(jvm.onlyLine("is back after").contains("INFO querylens"), jvm::output);
        jvm.assertNoStackTrace();
      }
      assertTrue(jvms.writer.onlyLine("is back after").contains("1 table-version bump was owed, 1 delivered"),
          jvms.writer::output);
      var reached = jvms.writer.awaitReport(jvms.writePath(beforeTheKill.version()));
      assertEquals(List.of("food"), JvmUnderTest.cacheTables(reached, "invalidatedTables"), reached::toPrettyString);
      var owed = jvms.writer.awaitReport(jvms.writePath(meanwhile.version()));
      assertEquals(List.of(), JvmUnderTest.cacheTables(owed, "invalidatedTables"), owed::toPrettyString);
      assertEquals(List.of("food"), JvmUnderTest.cacheTables(owed, "invalidationOwed"), owed::toPrettyString);
      assertTrue(reads.other().stream().anyMatch(read -> !read.hit() && read.startNanos() > meanwhile.committedNanos()
          && read.endNanos() < restarted), "the other JVM kept reading, uncached, while Redis was gone");
    }
  }
}
