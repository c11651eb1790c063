package io.querylens.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querylens.agent.cache.store.RedisProcess;
import io.querylens.it.cache.TestRedis;
import io.querylens.it.invalidation.AgentJvm;
import io.querylens.it.invalidation.Labels;
import io.querylens.it.invalidation.RunningRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every configuration mistake we could find that carries a password, each in a JVM of its own with the packaged
 * agent: the password appears nowhere in what the JVM printed nor in the reports it wrote, while the line that proves
 * the mistake's path was taken does appear.
 */
class SecretsNeverShownIT {
  private static final String PASSWORD = "s3cretPW42";

  @RegisterExtension
  static final RunningRedis redis = new RunningRedis();

  private static RedisProcess wantsAnotherPassword;
  private static RedisProcess wantsThisPassword;

  @BeforeAll
  static void startPasswordProtectedRedis() throws Exception {
    wantsAnotherPassword = RedisProcess.launch("requirepass the-right-one");
    wantsThisPassword = RedisProcess.launch("requirepass " + PASSWORD);
  }

  @AfterAll
  static void stopThem() {
    wantsAnotherPassword.close();
    wantsThisPassword.close();
  }

  static Stream<Arguments> mistakes() {
    String plain = "127.0.0.1:" + TestRedis.PORT;
    return Stream.of(
        Arguments.of("the scheme's colon missing", "redis.url=redis//:" + PASSWORD + "@" + plain, List.of(),
            "bad Redis URL 'redis//***@" + plain + "'"),
        Arguments.of("a port that is not a number", "redis.url=redis://user:" + PASSWORD + "@127.0.0.1:notaport",
            List.of(), "bad Redis URL 'redis://***@127.0.0.1:notaport'"),
        Arguments.of("another scheme", "redis.url=http://:" + PASSWORD + "@" + plain, List.of(),
            "the scheme must be redis or rediss"),
        Arguments.of("a database that is not a number", "redis.url=redis://:" + PASSWORD + "@" + plain + "/db1",
            List.of(), "the database index must be"),
        Arguments.of("a system property", "", List.of("-Dquerylens.redis.url=redis//:" + PASSWORD + "@" + plain),
            "bad Redis URL 'redis//***@"),
        Arguments.of("the key forgotten", "redis://:" + PASSWORD + "@" + plain, List.of(),
            "agent argument 'redis://***@" + plain + "' is not key=value"),
        Arguments.of("the '@' forgotten", "redis.url=redis://user:" + PASSWORD + "/" + plain, List.of(),
            "bad Redis URL 'redis://***/***'"),
        // The comma is part of the password: a wrong one here, so Redis refuses it; no piece of it is an argument.
        Arguments.of("a comma in the password", "redis.url=redis://:" + PASSWORD.substring(0, 5) + ","
            + PASSWORD.substring(5) + "@127.0.0.1:" + wantsAnotherPassword.port(), List.of(),
            "auth failed: WRONGPASS"),
        Arguments.of("a wrong password", "redis.url=redis://:" + PASSWORD + "@127.0.0.1:"
            + wantsAnotherPassword.port(), List.of(), "auth failed: WRONGPASS"),
        Arguments.of("the right password", "redis.url=redis://:" + PASSWORD + "@127.0.0.1:"
            + wantsThisPassword.port(), List.of(), " answers: Redis "),
        Arguments.of("cluster nodes and a URL with a database", "redis.cluster-nodes=" + plain
            + ",redis.url=redis://:" + PASSWORD + "@" + plain + "/2", List.of(), "a Redis Cluster has only database 0"),
        Arguments.of("a URL given as a cluster node", "redis.cluster-nodes=redis://:" + PASSWORD + "@" + plain,
            List.of(), "'redis://***@" + plain + "'"),
        Arguments.of("TLS to a port without TLS", "redis.url=rediss://:" + PASSWORD + "@" + plain, List.of(),
            "cannot be used: "),
        Arguments.of("an unknown host", "redis.url=redis://:" + PASSWORD + "@no-such-host.invalid:6379", List.of(),
            "cannot be used: unknown host"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void thePasswordAppearsInNoLogLineAndNoReport(String mistake, String agentArguments, List<String> properties,
      String proof) throws Exception {
    Path reports = Files.createTempDirectory("querylens-secrets-");
    String output = AgentJvm.run(ServedPantryJvm.class,
        "reports.dir=" + reports + (agentArguments.isEmpty() ? "" : "," + agentArguments), properties, Labels.next());

    assertTrue(output.contains(proof), mistake + ": expected '" + proof + "' in\n" + output);
    assertFalse(output.contains(PASSWORD), mistake + ": the password was printed:\n" + output);
    assertFalse(output.contains(PASSWORD.substring(5)), mistake + ": a piece of the password was printed:\n" + output);
    assertFalse(output.contains("\tat "), mistake + ": a stack trace for an expected condition:\n" + output);
    List<Path> written = new ArrayList<>();
    try (Stream<Path> files = Files.list(reports)) {
      files.forEach(written::add);
    }
    assertTrue(written.size() >= 5, mistake + ": the reports are on whatever Redis does: " + written + "\n" + output);
    for (Path report : written) {
      String json = Files.readString(report);
      assertFalse(json.contains(PASSWORD), mistake + ": the password is in " + report + ":\n" + json);
      if (mistake.equals("a wrong password")) {
        assertTrue(!json.contains("\"cache\"") || json.contains("WRONGPASS") || json.contains("\"calls\" : [ ]"),
            "a call Redis refused says why: " + json);
      }
    }
  }
}
