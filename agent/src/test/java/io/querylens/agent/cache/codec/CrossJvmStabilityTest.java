package io.querylens.agent.cache.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Shapes and argument keys computed by the other JDK the agent supports equal this JVM's. Two JVMs share a Redis, and
 * across Java 17 and 25 at least {@code Double.toString} differs (JDK-4511638), so this is not hypothetical.
 *
 * <p>The second JDK is {@code -Dquerylens.java25.home}, by default where the build's {@code java25.home} points; the test
 * is skipped, saying so, when it is not installed.
 */
class CrossJvmStabilityTest {
  @Test
  void anotherJdkComputesTheSameShapesAndKeys() throws Exception {
    String home = System.getProperty("querylens.java25.home", "/usr/lib/jvm/temurin-25-jdk-amd64");
    Path java = Path.of(home, "bin", "java");
    assumeTrue(Files.isExecutable(java), "no second JDK at " + home + "; set -Dquerylens.java25.home to run this");

    List<String> expected = new ArrayList<>();
    CacheCodec codec = new CacheCodec();
    StabilityProbe.shapes(codec).forEach((name, shape) -> expected.add(name + "=" + shape));
    expected.addAll(StabilityProbe.keys(codec));

    assertEquals(expected, run(java, StabilityProbe.class.getName()));
  }

  private static List<String> run(Path java, String mainClass) throws IOException, InterruptedException {
    Path output = Files.createTempFile("stability-probe", ".txt");
    try {
      Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), mainClass)
          .redirectErrorStream(true).redirectOutput(output.toFile()).start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the probe did not finish in 60 s");
      }
      List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
      assertEquals(0, process.exitValue(), () -> String.join("\n", lines));
      return lines;
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
