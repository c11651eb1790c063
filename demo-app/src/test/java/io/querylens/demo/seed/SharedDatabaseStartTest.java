package io.querylens.demo.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.querylens.demo.DemoApplication;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Several demo instances on one database, as README promises for PostgreSQL: whether they start one after the other
 * or at the same moment, the schema is created once, nothing is dropped, and the sample data is inserted once. Each
 * instance is the real application (schema script, Hibernate's validation, seeding) in an application context of
 * its own, without a web server; the databases are a real PostgreSQL ({@link TestPostgres}) and H2 in server mode.
 *
 * <p>Two instances started together race only sometimes, depending on timing. The races that matter are therefore
 * also forced, deterministically, on PostgreSQL, whose DDL is transactional: a connection of the test holds the other
 * instance's uncommitted work (the schema's tables, or a food of the samples) while the instance runs into it and
 * waits, and commits once the instance is seen waiting, so the instance's statement fails exactly as the loser's does.
 */
class SharedDatabaseStartTest {

  /** The samples: the tutorial's two recipes over 7 foods, 50 generated ones over 8 more, 4 + 6 + 50 x 3 ingredients. */
  private static final List<Long> SEEDED_ROWS = List.of(52L, 15L, 160L);

  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private static TestPostgres postgres;
  private static Optional<String> postgresMissing;
  private static int databases;

  @BeforeAll
  static void startPostgres() throws Exception {
    postgresMissing = TestPostgres.unavailableReason();
    if (postgresMissing.isEmpty()) {
      postgres = TestPostgres.start();
    }
  }

  @AfterAll
  static void stopPostgres() {
    if (postgres != null) {
      postgres.close();
      postgres = null;
    }
  }

  @Test
  void twoInstancesStartingTogetherOnAnEmptyPostgresqlDatabaseSeedItOnceAndALaterOneAddsNothing() throws Exception {
    Database database = newPostgresDatabase();

    List<ConfigurableApplicationContext> instances = startTogether(database, 2);
    try {
      assertThat(database.rows()).as("recipe, food, ingredient rows").isEqualTo(SEEDED_ROWS);
      database.execute("update food set name = 'hon mirin' where name = 'mirin'");

      // A later instance after a rename: the samples' "mirin" is missing, but no missing recipe needs it.
      start(database).close();

      assertThat(database.rows()).as("recipe, food, ingredient rows after a third start").isEqualTo(SEEDED_ROWS);
      assertThat(database.count("select count(*) from food where name = 'mirin'")).isZero();
    } finally {
      instances.forEach(ConfigurableApplicationContext::close);
    }
  }

  @Test
  void anInstanceWhoseSchemaScriptMeetsAnotherInstancesUncommittedTablesRunsItAgainAndStarts() throws Exception {
    Database database = newPostgresDatabase();

    try (Connection other = database.connect()) {
      other.setAutoCommit(false);
      ScriptUtils.executeSqlScript(other, new ClassPathResource("schema.sql"));
      startBlockedUntilCommit(database, other);
    }
    assertThat(database.rows()).as("recipe, food, ingredient rows").isEqualTo(SEEDED_ROWS);
  }

  @Test
  void anInstanceThatLosesTheSeedingRaceSeedsAgainAndInsertsOnlyWhatIsMissing() throws Exception {
    Database database = newPostgresDatabase();
    try (Connection schema = database.connect()) {
      ScriptUtils.executeSqlScript(schema, new ClassPathResource("schema.sql"));
    }

    try (Connection other = database.connect()) {
      other.setAutoCommit(false);
      try (Statement statement = other.createStatement()) {
        statement.execute("insert into food (name) values ('soy sauce')");
      }
      startBlockedUntilCommit(database, other);
    }
    assertThat(database.rows()).as("recipe, food, ingredient rows").isEqualTo(SEEDED_ROWS);
  }

  @Test
  void twoInstancesStartingTogetherOnAnEmptyH2ServerDatabaseSeedItOnce() throws Exception {
    Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
    try {
      Database database =
          new Database("jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/mem:shared;DB_CLOSE_DELAY=-1", "sa");

      List<ConfigurableApplicationContext> instances = startTogether(database, 2);
      instances.forEach(ConfigurableApplicationContext::close);

      assertThat(database.rows()).as("recipe, food, ingredient rows").isEqualTo(SEEDED_ROWS);
    } finally {
      server.stop();
    }
  }

  private static Database newPostgresDatabase() throws SQLException {
    assumeTrue(postgresMissing.isEmpty(), () -> "no PostgreSQL for this test: " + postgresMissing.orElseThrow());
    String name = "cookbook_" + (++databases);
    postgres.createDatabase(name);
    return new Database(postgres.url(name), postgres.user());
  }

  /** Starts {@code count} instances on {@code database} at the same moment, and returns them once all have started. */
  private static List<ConfigurableApplicationContext> startTogether(Database database, int count) throws Exception {
    CyclicBarrier together = new CyclicBarrier(count);
    List<ConfigurableApplicationContext> started = new ArrayList<>();
    try {
      List<Future<ConfigurableApplicationContext>> instances = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        instances.add(startInBackground(database, together));
      }
      for (Future<ConfigurableApplicationContext> instance : instances) {
        started.add(instance.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
      }
      return started;
    } catch (Exception failed) {
      started.forEach(ConfigurableApplicationContext::close);
      throw failed;
    }
  }

  /**
   * Starts an instance that {@code holder}'s open transaction blocks, commits that transaction once the instance waits
   * for one of its locks, and waits for the instance to finish starting.
   */
  private static void startBlockedUntilCommit(Database database, Connection holder) throws Exception {
    Future<ConfigurableApplicationContext> instance = startInBackground(database, null);
    database.awaitBackendWaitingForALock(holder);
    holder.commit();
    instance.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS).close();
  }

  /** Starts an instance on a thread of its own, once {@code together} (if any) lets every such thread go. */
  private static Future<ConfigurableApplicationContext> startInBackground(Database database, CyclicBarrier together) {
    FutureTask<ConfigurableApplicationContext> instance = new FutureTask<>(() -> {
      if (together != null) {
        together.await();
      }
      return start(database);
    });
    Thread thread = new Thread(instance, "demo-instance");
    thread.setDaemon(true);
    thread.start();
    return instance;
  }

  /** One demo instance on {@code database}: everything but the web server, and no Redis of its own. */
  private static ConfigurableApplicationContext start(Database database) {
    return new SpringApplicationBuilder(DemoApplication.class)
        .web(WebApplicationType.NONE)
        // Command-line arguments, so they win over application.properties as SPRING_DATASOURCE_URL would.
        .run("--spring.datasource.url=" + database.url(), "--spring.datasource.username=" + database.user(),
            "--spring.datasource.password=", "--demo.redis.embedded=false", "--spring.main.banner-mode=off");
  }

  /** A database the instances share, and the test's own look at it. */
  private record Database(String url, String user) {

    Connection connect() throws SQLException {
      return DriverManager.getConnection(url, user, "");
    }

    List<Long> rows() throws SQLException {
      return List.of(count("select count(*) from recipe"), count("select count(*) from food"),
          count("select count(*) from ingredient"));
    }

    long count(String query) throws SQLException {
      try (Connection connection = connect(); Statement statement = connection.createStatement();
          ResultSet result = statement.executeQuery(query)) {
        result.next();
        return result.getLong(1);
      }
    }

    void execute(String sql) throws SQLException {
      try (Connection connection = connect(); Statement statement = connection.createStatement()) {
        statement.execute(sql);
      }
    }

    /** Waits until a backend other than {@code holder}'s waits for a lock in this PostgreSQL database. */
    void awaitBackendWaitingForALock(Connection holder) throws Exception {
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      String query = "select count(*) from pg_stat_activity where datname = current_database()"
          + " and wait_event_type = 'Lock' and pid <> ?";
      int holderPid;
      try (Statement statement = holder.createStatement();
          ResultSet result = statement.executeQuery("select pg_backend_pid()")) {
        result.next();
        holderPid = result.getInt(1);
      }
      try (Connection connection = connect(); PreparedStatement waiting = connection.prepareStatement(query)) {
        waiting.setInt(1, holderPid);
        while (System.nanoTime() < deadline) {
          try (ResultSet result = waiting.executeQuery()) {
            result.next();
            if (result.getLong(1) > 0) {
              return;
            }
          }
          Thread.sleep(20);
        }
      }
      throw new AssertionError("no instance waited for the test's uncommitted work within "
          + START_TIMEOUT.toSeconds() + " s");
    }
  }
}
