package io.querylens.benchmarks.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the generator writes; building and starting it is the benchmark's part (benchmarks/STARTUP.md). */
class LargeAppGeneratorTest {
  @TempDir
  Path out;

  @Test
  void writesOneEntityRepositoryServiceAndConfigurationPerModuleAndAControllerPerFour() throws Exception {
    Path annotations = Files.writeString(out.resolve("annotations.jar"), "");
    LargeAppGenerator.main(new String[] {"--out=" + out.resolve("app"), "--modules=10",
        "--annotations-jar=" + annotations});

    Path sources = out.resolve("app/src/main/java/org/example/large");
    try (Stream<Path> files = Files.list(sources)) {
      assertEquals(1 + 10 * 4 + 3, files.count(), "the application, 4 files per module, 3 controllers");
    }
    assertTrue(Files.readString(sources.resolve("Thing4Repository.java")).contains("@Cached(name = \"thing4-names\")"));
    assertTrue(!Files.readString(sources.resolve("Thing5Repository.java")).contains("@Cached"));
    assertTrue(Files.readString(sources.resolve("Things8Controller.java")).contains("@GetMapping(\"/api/things9\")"));
    assertTrue(Files.readString(out.resolve("app/pom.xml")).contains("<systemPath>" + annotations.toAbsolutePath()));
  }
}
