package io.querylens.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The writing JVM has a wrong Redis password, the other JVM the right one. The writer runs uncached and its writes
 * cannot move the table versions, so the other JVM serves the rows it cached before until their TTL: the last
 * resort, and the bound of this case. The writer says so in one WARN naming the authentication failure (never a
 * password), and its reports list the tables as owed, not invalidated.
 */
class WrongPasswordWriterIT {
  private static final String RIGHT = "right-pw-4711";
  private static final String WRONG = "wrong-pw-0815";
  private static final long TTL_MILLIS = 3_000;
  /** Beyond the TTL: an entry filled by a call that started before the commit lands after it, on a loaded machine. */
  private static final long MARGIN_MILLIS = 3_000;

  @Test
  void theOtherJvmServesTheOldRowsUntilTheirTtlAndTheWriterSaysWhy() throws Exception {
    String ttl = ",cache.default-ttl=" + TTL_MILLIS + "ms";
    try (RedisFaults redis = RedisFaults.launchWithPassword(RIGHT);
        TwoJvms jvms = TwoJvms.launch(redis.urlSetting(WRONG) + ttl, redis.urlSetting(RIGHT) + ttl)) {
      jvms.startReaders();
      jvms.awaitHit(jvms.other, 0, 20_000);
      Write write = jvms.write();
      jvms.awaitHit(jvms.other, write.version(), TTL_MILLIS + MARGIN_MILLIS);
      long seenAfter = TwoJvms.millisSince(write.committedNanos());
      TwoJvms.Reads reads = jvms.stopReaders();

      Staleness staleness = jvms.staleness(reads.all());
      TwoJvms.measured("wrong password on the writer", staleness + "; the other JVM served the new row as a hit "
          + seenAfter + " ms after the commit (TTL " + TTL_MILLIS + " ms)");
      assertTrue(staleness.longestMillis() <= TTL_MILLIS + MARGIN_MILLIS, staleness::toString);
      assertTrue(reads.writer().stream().noneMatch(Read::hit), "the writer runs uncached");

      String warning = jvms.writer.onlyLine("cannot be used: auth failed: WRONGPASS");
      assertTrue(warning.contains("WARN querylens"), warning);
      // Today the first write that cannot bump says so once more, with the same cause; nothing else warns.
      List<String> warnings = jvms.writer.lines("WARN querylens");
      assertTrue(warnings.size() == 1 && warnings.get(0).contains("auth failed: WRONGPASS"),
          jvms.writer::output);
      assertEquals(List.of(), jvms.other.lines("WARN querylens"), "the other JVM's Redis works");
      var report = jvms.writer.awaitReport(jvms.writePath(write.version()));
      assertEquals(List.of(), JvmUnderTest.cacheTables(report, "invalidatedTables"), report::toPrettyString);
      assertEquals(List.of("food"), JvmUnderTest.cacheTables(report, "invalidationOwed"), report::toPrettyString);
      for (JvmUnderTest jvm : List.of(jvms.writer, jvms.other)) {
        jvm.assertNoStackTrace();
        assertFalse(jvm.output().contains(RIGHT) || jvm.output().contains(WRONG), jvm + " printed a password");
        try (Stream<Path> files = Files.list(jvm.reports())) {
          for (Path file : files.toList()) {
            String json = Files.readString(file);
            assertFalse(json.contains(RIGHT) || json.contains(WRONG), file + " holds a password");
          }
        }
      }
    }
  }
}
