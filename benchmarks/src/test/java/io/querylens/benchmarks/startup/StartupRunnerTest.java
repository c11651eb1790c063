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

  @Test
  void readsTheCpuTimeOfEachGroupOfThreadsAndWhatEndedThreadsUsed() throws Exception {
    long pid = ProcessHandle.current().pid();
    long process = StartupRunner.cpuMillis(pid);
    java.util.Map<String, Long> groups = StartupRunner.threadCpuMillis(pid, process);
    assertTrue(groups.containsKey("C2 CompilerThre") && groups.containsKey("GC Thread##"), groups.toString());
    assertTrue(groups.keySet().stream().noneMatch(name -> name.matches(".*([0-9]{4,}|[0-9]$).*")), groups.toString());
    long sum = groups.values().stream().mapToLong(Long::longValue).sum();
    assertTrue(sum >= process, "live threads and ended ones add up to the process: " + groups + " " + process);
  }

  @Test
  void writesAFloorAgentJarNamingItsPremainClass() throws Exception {
    java.nio.file.Path jar = FloorAgent.writeJar(java.nio.file.Files.createTempDirectory("floor-test"));
    try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile())) {
      org.junit.jupiter.api.Assertions.assertEquals(FloorAgent.class.getName(),
          file.getManifest().getMainAttributes().getValue("Premain-Class"));
      assertTrue(file.getEntry(FloorAgent.class.getName().replace('.', '/') + ".class") != null);
    }
  }
}
