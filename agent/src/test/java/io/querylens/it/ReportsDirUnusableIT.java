package io.querylens.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querylens.it.cache.TestRedis;
import io.querylens.it.invalidation.AgentJvm;
import io.querylens.it.invalidation.Labels;
import io.querylens.it.invalidation.RunningRedis;
import io.querylens.it.invalidation.TableVersions;
import io.querylens.it.invalidation.WriteAfterFillJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reports directory that cannot be used (a file in its place) turns off the reports only: the cache still serves,
 * and a write still moves the table's version in Redis, so the other JVMs' entries go stale. One line says why.
 */
class ReportsDirUnusableIT {
  @RegisterExtension
  static final RunningRedis redis = new RunningRedis();

  @Test
  void cachingAndInvalidationWorkWhenReportsDirIsAFile(@TempDir Path temporary) throws Exception {
    Path file = Files.writeString(temporary.resolve("not-a-directory"), "a file where the reports should go");
    long before = TableVersions.of("food");
    String output = AgentJvm.run(WriteAfterFillJvm.class,
        "reports.dir=" + file + ",redis.url=redis://127.0.0.1:" + TestRedis.PORT, List.of(), Labels.next());

    assertTrue(output.contains("after the write: ranAgain=true names=[soy sauce, hon mirin, sake]"), output);
    assertTrue(TableVersions.of("food") > before, "the write must have bumped food in Redis: " + output);
    String line = "querylens: reports are off: reports.dir '" + file + "' cannot be used: it is a file, not a "
        + "directory";
    assertEquals(1, occurrences(output, "reports are off"), output);
    assertTrue(output.contains(line), output);
    assertTrue(output.contains("QueryLens: Redis redis://127.0.0.1:" + TestRedis.PORT + " answers: Redis "), output);
    assertTrue(output.contains("no reports are written (reports.dir unusable, see above)"), output);
    assertFalse(output.contains("could not start"), output);
    assertFalse(output.contains("\tat "), "no stack trace: " + output);
    assertTrue(Files.isRegularFile(file), "the file is left alone");
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }
}
