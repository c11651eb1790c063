package io.querylens.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querylens.agent.cache.store.LocalRedisSentinel;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Sentinel failover under two JVMs that read and one that writes: the master is killed, the Sentinel promotes the
 * replica, and both JVMs carry on by themselves on the promoted master. The replica holds the entries replicated
 * before the failover, possibly without the last bumps; they belong to another server run and are never served.
 */
class SentinelFailoverIT {
  @Test
  void cachingResumesOnThePromotedMasterWithoutAStaleRead() throws Exception {
    try (LocalRedisSentinel redis = LocalRedisSentinel.launch()) {
      String settings = "redis.url=redis://127.0.0.1:" + redis.master().port() + ",redis.sentinel.master="
          + LocalRedisSentinel.MASTER_NAME + ",redis.sentinel.nodes=" + redis.sentinelNode();
      try (TwoJvms jvms = TwoJvms.launch(settings, settings)) {
        jvms.startReaders();
        Write before = jvms.write();
        jvms.awaitHit(jvms.other, before.version(), 20_000);
        jvms.awaitHit(jvms.writer, before.version(), 20_000);

        long failing = System.nanoTime();
        redis.failOver();
        long promoted = TwoJvms.millisSince(failing);
        Write during = jvms.write();
        long otherBack = jvms.awaitHit(jvms.other, during.version(), 30_000);
        jvms.awaitHit(jvms.writer, during.version(), 30_000);
        Write after = jvms.write();
        jvms.awaitHit(jvms.other, after.version(), 20_000);
        TwoJvms.Reads reads = jvms.stopReaders();

        Staleness staleness = jvms.staleness(reads.all());
        TwoJvms.measured("Sentinel failover", staleness + "; replica promoted " + promoted + " ms after the kill; "
            + "hits again " + otherBack + " ms after the write that followed it (other JVM); slowest call from the "
            + "kill on " + reads.slowestSince(failing).millis() + " ms");
        assertEquals(0, staleness.staleReads(), staleness::toString);
        for (JvmUnderTest jvm : List.of(jvms.writer, jvms.other)) {
          assertTrue(jvm.output().contains("via Sentinel"), "the start-up check names the mode: " + jvm.output());
          assertTrue(jvm.onlyLine("restarted or failed over (a new server run)").contains("INFO querylens"),
              jvm::output);
          assertFalse(jvm.output().contains("Lost connection to Sentinel"), "Jedis's own logging is off");
          jvm.assertNoStackTrace();
        }
      }
    }
  }
}
