package io.querylens.agent.cache.store;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A real redis-server process on a loopback port, from the binary that embedded-redis ships (Redis 6.2 for
 * linux-amd64). Nothing is persisted by itself: no RDB snapshots, no AOF, and its files live in a temporary directory
 * that {@link #close()} deletes. A {@code SAVE} writes {@code dump.rdb} there, which a {@link #start() restart} loads.
 *
 * <p>The binary is extracted once per test JVM rather than once per server, as embedded-redis would: a dozen 10 MB
 * copies would cost more time than the tests themselves.
 */
public final class RedisProcess implements AutoCloseable {
  static final String HOST = "127.0.0.1";

  private static File binary;

  private final int port;
  private final Path dir;
  private final String password;
  private final RedisServer server;
  private final Deque<String> output = new ArrayDeque<>();

  private RedisProcess(int port, boolean tls, List<String> settings) throws IOException {
    this.port = port;
    this.dir = Files.createTempDirectory("querylens-redis-");
    this.password = settings.stream().filter(setting -> setting.startsWith("requirepass "))
        .map(setting -> setting.substring("requirepass ".length())).reduce((first, last) -> last).orElse(null);
    File executable = binary();
    var builder = RedisServer.newRedisServer()
        .executableProvider(() -> executable)
        .bind(HOST)
        // embedded-redis always passes --port, which beats the config file: 0 turns the plain listener off.
        .port(tls ? 0 : port)
        .settingIf(tls, "tls-port " + port)
        .setting("dir " + dir.toAbsolutePath())
        .setting("save \"\"")
        .setting("appendonly no")
        // Both listeners must be set: embedded-redis drains the process's pipes only for them, and a full pipe
        // would stall redis-server on its next log line.
        .soutListener(this::remember)
        .serrListener(this::remember);
    for (String setting : settings) {
      builder.setting(setting);
    }
    this.server = builder.build();
  }

  /** Starts a server on a free port with these extra settings, in redis.conf syntax ({@code requirepass x}). */
  public static RedisProcess launch(String... settings) throws IOException {
    return launchOn(freePort(), settings);
  }

  public static RedisProcess launchOn(int port, String... settings) throws IOException {
    return started(new RedisProcess(port, false, List.of(settings)));
  }

  /**
   * Starts a server that speaks only TLS, on a free port, with these extra settings ({@code tls-cert-file ...}).
   *
   * @throws IOException if it did not start, for instance because the binary was built without TLS
   */
  static RedisProcess launchTls(String... settings) throws IOException {
    return started(new RedisProcess(freePort(), true, List.of(settings)));
  }

  private static RedisProcess started(RedisProcess process) throws IOException {
    try {
      process.start();
      return process;
    } catch (IOException | RuntimeException e) {
      process.close();
      throw e;
    }
  }

  /** (Re)starts the process on the same port, with the same settings and directory. */
  public void start() throws IOException {
    try {
      server.start();
    } catch (IOException | RuntimeException e) {
      throw new IOException("redis-server did not start on port " + port + "; its output:\n" + output(), e);
    }
  }

  /** Stops the process (SIGTERM; without persistence it exits at once) and waits for it. */
  public void stop() throws IOException {
    server.stop();
  }

  /**
   * Kills the process as {@code kill -9} does (no shutdown, no save, clients see their connections reset) and waits
   * until it is gone; {@link #start()} then brings it back on the same port. Not for a TLS-only server, whose process
   * id the plain admin connection cannot ask for.
   */
  public void kill() throws IOException {
    ProcessHandle process = ProcessHandle.of(pid())
        .orElseThrow(() -> new IOException(this + " has no process to kill"));
    process.destroyForcibly();
    try {
      process.onExit().get(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while killing " + this, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException(this + " did not die within 10 s of SIGKILL", e);
    }
    // embedded-redis still thinks its process runs and would not start another one: let it find out it is dead.
    server.stop();
  }

  /** The process id, as the server itself says. */
  private long pid() throws IOException {
    try (Jedis admin = admin(password)) {
      for (String line : admin.info("server").split("\r?\n")) {
        if (line.startsWith("process_id:")) {
          return Long.parseLong(line.substring("process_id:".length()).trim());
        }
      }
    } catch (RuntimeException e) {
      throw new IOException(this + " did not say its process id", e);
    }
    throw new IOException(this + " did not say its process id");
  }

  public int port() {
    return port;
  }

  /** Where the server keeps its files ({@code dump.rdb}); it survives restarts. */
  public Path dir() {
    return dir;
  }

  public String url() {
    return "redis://" + HOST + ":" + port;
  }

  /** A plain admin connection, outside the store under test. */
  public Jedis admin() {
    return admin(null);
  }

  public Jedis admin(String password) {
    return new Jedis(new HostAndPort(HOST, port),
        DefaultJedisClientConfig.builder().password(password).timeoutMillis(5_000).build());
  }

  synchronized String output() {
    return String.join("\n", output);
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (IOException | RuntimeException e) {
      // Already gone.
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A temporary directory left behind is not worth failing a test for.
    }
  }

  @Override
  public String toString() {
    return "redis-server on " + HOST + ":" + port;
  }

  private synchronized void remember(String line) {
    if (output.size() == 200) {
      output.removeFirst();
    }
    output.addLast(line);
  }

  static synchronized File binary() throws IOException {
    if (binary == null) {
      binary = ExecutableProvider.newJarResourceProvider().get();
    }
    return binary;
  }

  /** A loopback port nobody listens on right now. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A free port for a cluster node: the cluster bus listens on the port plus 10000, so that one must be free too and
   * below 65536.
   */
  static int freeClusterPort() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = freePort();
      if (port + 10_000 <= 65_535 && isFree(port + 10_000)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port pair (p, p + 10000) found on " + HOST);
  }

  private static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
