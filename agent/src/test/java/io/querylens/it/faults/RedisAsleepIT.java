package io.querylens.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Redis stops answering for longer than {@code redis.timeout} ({@code DEBUG SLEEP}, as a slow command, a fork or
 * swapping would make it) while two JVMs read and one of them writes. No call waits much beyond the timeout, the
 * calls meanwhile run uncached, and each JVM says once that Redis is unusable and once that it is back.
 *
 * <p>The write comes once both circuit breakers are open, so its bump is owed, not sent. When Redis wakes, each JVM
 * finds out by its own probe: the other JVM may serve the rows it cached before the write until the writer has
 * delivered the bump (README, Failure modes: the owed bump's bound), never after.
 */
class RedisAsleepIT {
  private static final long TIMEOUT_MILLIS = 250;
  private static final Duration SLEEP = Duration.ofSeconds(4);
  /**
   * The slowest call allowed: a call waits about {@code redis.timeout}, a small multiple when it must open and
   * authenticate a fresh connection, plus what a loaded 2-core machine adds; well short of the sleep, which a call
   * that hung on Redis would last.
   */
  private static final long SLOWEST_CALL_MILLIS = 2_000;

  @Test
  void callsWaitAboutTheTimeoutRunUncachedAndNothingStaleIsServedOnceTheBumpIsDelivered() throws Exception {
    String settings = ",redis.timeout=" + TIMEOUT_MILLIS + "ms";
    try (RedisFaults redis = RedisFaults.launch();
        TwoJvms jvms = TwoJvms.launch(redis.urlSetting() + settings, redis.urlSetting() + settings)) {
      jvms.startReaders();
      Write before = jvms.write();
      jvms.awaitHit(jvms.other, before.version(), 20_000);
      jvms.awaitHit(jvms.writer, before.version(), 20_000);

      RedisFaults.Asleep asleep = redis.sleep(SLEEP);
      jvms.writer.awaitLine("is unusable: ");
      jvms.other.awaitLine("is unusable: ");
      long writeStarted = System.nanoTime();
      Write meanwhile = jvms.write();
      long writeMillis = (meanwhile.committedNanos() - writeStarted) / 1_000_000;
      long woke = asleep.awaitWake();
      jvms.awaitHit(jvms.other, meanwhile.version(), 30_000);
      long otherBack = TwoJvms.millisSince(woke);
      jvms.awaitHit(jvms.writer, meanwhile.version(), 30_000);
      long writerBack = TwoJvms.millisSince(woke);
      Write after = jvms.write();
      jvms.awaitHit(jvms.other, after.version(), 20_000);
      TwoJvms.Reads reads = jvms.stopReaders();

      // The writer serves nothing while a bump is owed: its first hit after the sleep ended after the delivery.
      long delivered = reads.writer().stream().filter(read -> read.hit() && read.startNanos() - woke > 0)
          .mapToLong(Read::endNanos).min().orElseThrow();
      Staleness staleness = jvms.staleness(reads.all());
      long fellAsleep = woke - SLEEP.toNanos(); // at the latest: the answer took a moment to arrive
      Read slowest = reads.slowestSince(fellAsleep);
      TwoJvms.measured("DEBUG SLEEP " + SLEEP.toSeconds() + " s, redis.timeout " + TIMEOUT_MILLIS + " ms",
          staleness + (staleness.staleReads() == 0 ? "" : ", the last started "
              + (staleness.lastStaleStartNanos() - woke) / 1_000_000 + " ms after Redis woke")
              + "; the owed bump delivered within " + (delivered - woke) / 1_000_000 + " ms after Redis woke"
              + "; slowest call from the sleep on " + slowest.millis() + " ms; the write during the sleep returned "
              + "after " + writeMillis + " ms; hits back " + otherBack + " ms (other JVM) and " + writerBack
              + " ms (writer) after Redis woke");
      assertTrue(slowest.millis() <= SLOWEST_CALL_MILLIS, () -> "slowest call: " + slowest);
      assertTrue(staleness.staleReads() == 0 || staleness.lastStaleStartNanos() - delivered < 0,
          () -> staleness + ": a stale read after the owed bump was delivered");

      // Redis surely still slept a moment before it answered.
      long stillAsleep = woke - TimeUnit.MILLISECONDS.toNanos(500);
      List<Read> duringTheSleep = reads.all().stream()
          .filter(read -> read.startNanos() - fellAsleep > 0 && read.endNanos() - stillAsleep < 0).toList();
      assertTrue(duringTheSleep.size() > 10, "the readers kept calling while Redis slept: " + duringTheSleep);
      assertTrue(duringTheSleep.stream().noneMatch(Read::hit), "no call is a hit while Redis sleeps");

      for (JvmUnderTest jvm : List.of(jvms.writer, jvms.other)) {
        assertTrue(jvm.onlyLine("is unusable: ").contains("WARN querylens"), jvm::output);
        assertTrue(jvm.onlyLine("is back after").contains("INFO querylens"), jvm::output);
        jvm.assertNoStackTrace();
      }
      assertTrue(jvms.writer.onlyLine("is back after").contains("1 table-version bump was owed, 1 delivered"),
          jvms.writer::output);
      var owed = jvms.writer.awaitReport(jvms.writePath(meanwhile.version()));
      assertEquals(List.of(), JvmUnderTest.cacheTables(owed, "invalidatedTables"), owed::toPrettyString);
      assertEquals(List.of("food"), JvmUnderTest.cacheTables(owed, "invalidationOwed"), owed::toPrettyString);
    }
  }
}
