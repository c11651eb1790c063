package io.querylens.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code CLIENT PAUSE 2000 WRITE} (what a Redis {@code FAILOVER} does to its master) while two JVMs read and one
 * writes: the commit returns after about {@code redis.timeout} with its bump owed; the other JVM serves the older row
 * while writes are refused, and no longer: the owed bump waits in Redis's queue and lands when writes resume. The
 * stated bound is "until writes resume"; a read that starts more than a second after that and returns the older row
 * fails the test.
 */
class WritesPausedIT {
  private static final Duration PAUSE = Duration.ofSeconds(2);
  private static final long MARGIN_NANOS = 1_000_000_000L;

  @Test
  void staleOnlyUntilWritesResume() throws Exception {
    try (RedisFaults redis = RedisFaults.launch();
        TwoJvms jvms = TwoJvms.launch(redis.urlSetting(), redis.urlSetting())) {
      jvms.startReaders();
      Write before = jvms.write();
      jvms.awaitHit(jvms.other, before.version(), 20_000);
      jvms.awaitHit(jvms.writer, before.version(), 20_000);

      long pauseStarts = System.nanoTime();
      redis.pauseWrites(PAUSE);
      long writesResume = pauseStarts + PAUSE.toNanos();
      Write during = jvms.write();
      long commitMillis = (during.committedNanos() - pauseStarts) / 1_000_000;
      jvms.awaitHit(jvms.other, during.version(), 20_000);
      jvms.awaitHit(jvms.writer, during.version(), 20_000);
      TwoJvms.Reads reads = jvms.stopReaders();

      Staleness staleness = jvms.staleness(reads.all());
      long lastStaleAfterResume = staleness.staleReads() == 0 ? Long.MIN_VALUE
          : (staleness.lastStaleStartNanos() - writesResume) / 1_000_000;
      TwoJvms.measured("CLIENT PAUSE 2000 WRITE", staleness + "; the commit returned " + commitMillis + " ms into the "
          + "pause; the last stale read started " + (staleness.staleReads() == 0 ? "never"
              : lastStaleAfterResume + " ms after writes resumed"));
      assertTrue(staleness.staleReads() == 0 || staleness.lastStaleStartNanos() - writesResume < MARGIN_NANOS,
          staleness + ": the last stale read started " + lastStaleAfterResume + " ms after writes resumed");
      assertTrue(commitMillis < PAUSE.toMillis(), "the commit waited for the pause: " + commitMillis + " ms");
      var owed = jvms.writer.awaitReport(jvms.writePath(during.version()));
      assertEquals(List.of("food"), JvmUnderTest.cacheTables(owed, "invalidationOwed"), owed::toPrettyString);
      for (JvmUnderTest jvm : List.of(jvms.writer, jvms.other)) {
        jvm.assertNoStackTrace();
      }
    }
  }
}
