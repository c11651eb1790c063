package io.querylens.benchmarks.startup;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StartupRunnerTest {
  @Test
  void readsThePeakResidentMemoryOfAProcess() throws Exception {
    long kib = StartupRunner.peakRssKib(ProcessHandle.current().pid());
    assertTrue(kib > 10_000, "a JVM holds more than 10 MB: " + kib);
  }

  @Test
  void readsWhatNativeMemoryTrackingSaysEachPartCommitted() {
    java.util.Map<String, Long> parts = StartupRunner.parseNativeMemory(String.join("\n",
        "Total: reserved=7003KB, committed=3003KB",
        "-                 Java Heap (reserved=4096KB, committed=2048KB)",
        "                            (mmap: reserved=4096KB, committed=2048KB) ",
        "-                     Class (reserved=1056KB, committed=16KB)",
        "                            (classes #300)"));
    org.junit.jupiter.api.Assertions.assertEquals(java.util.Map.of("Java Heap", 2048L, "Class", 16L), parts);
  }

  @Test
  void refusesAnArgumentItDoesNotKnow() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> StartupRunner.main(new String[] {"--round=3"}));
    assertTrue(e.getMessage().contains("known: [app, path, rounds"), e.getMessage());
  }
}
