package io.querylens.it.invalidation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another JVM with the packaged agent attached, for settings that are read once at start-up: the same java as this
 * test runs on (so the java25 run launches Java 25), this JVM's class path. Later agent arguments win over earlier
 * ones, so {@code agentArguments} may set {@code reports.dir} again.
 */
public final class AgentJvm {
  private AgentJvm() {}

  /**
   * Runs {@code main} to completion and returns what it printed; fails unless it exits 0 within a minute, and if the
   * agent reports a setting it does not know (a switch under test would silently be ignored).
   */
  public static String run(Class<?> main, String agentArguments, List<String> systemProperties, String... arguments)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-javaagent:" + System.getProperty("querylens.it.agent.jar") + "=reports.dir="
        + System.getProperty("querylens.it.reports.dir") + "," + agentArguments);
    command.addAll(systemProperties);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(arguments));
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(60, TimeUnit.SECONDS), output);
    assertEquals(0, child.exitValue(), output);
    assertFalse(output.contains("querylens: unknown"), "a setting the agent does not know: " + output);
    return output;
  }
}
