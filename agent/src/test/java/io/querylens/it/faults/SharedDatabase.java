package io.querylens.it.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one database the JVMs of a fault test share, as an application's JVMs share theirs: in-memory H2 databases
 * behind an H2 TCP server on a free loopback port, in a JVM of its own without the agent. Not in this JVM: the server
 * records its sessions in a management database through JDBC, and this JVM's agent would bump those writes into the
 * build's Redis.
 */
final class SharedDatabase implements AutoCloseable {
  private static final String RUNNING = "TCP server running at ";

  private final Process server;
  private final int port;

  private SharedDatabase(Process server, int port) {
    this.server = server;
    this.port = port;
  }

  static SharedDatabase start() throws Exception {
    List<String> attempts = new ArrayList<>();
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      Process server = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), "org.h2.tools.Server",
          "-tcp", "-tcpPort", Integer.toString(port), "-ifNotExists").redirectErrorStream(true).start();
      String said = CompletableFuture.supplyAsync(() -> untilRunning(server)).get(60, TimeUnit.SECONDS);
      if (said.contains(RUNNING)) {
        drainInBackground(server);
        return new SharedDatabase(server, port);
      }
      server.destroyForcibly();
      attempts.add(said); // most likely the port was taken meanwhile
    }
    throw new IllegalStateException("the H2 TCP server did not start: " + attempts);
  }

  /** The JDBC URL of the in-memory database {@code name}; it lives as long as this server. */
  String url(String name) {
    return "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:" + name + ";DB_CLOSE_DELAY=-1";
  }

  @Override
  public void close() throws InterruptedException {
    server.destroy();
    if (!server.waitFor(10, TimeUnit.SECONDS)) {
      server.destroyForcibly();
    }
  }

  /** What the server printed up to the line that says it runs, or until it exited. */
  private static String untilRunning(Process server) {
    StringBuilder said = new StringBuilder();
    try {
      BufferedReader lines = new BufferedReader(
          new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        said.append(line).append('\n');
        if (line.contains(RUNNING)) {
          break;
        }
      }
    } catch (IOException e) {
      said.append(e);
    }
    return said.toString();
  }

  /** Keeps the server's pipe from filling up; it says little after start-up. */
  private static void drainInBackground(Process server) {
    Thread drain = new Thread(() -> {
      try {
        server.getInputStream().transferTo(OutputStream.nullOutputStream());
      } catch (IOException e) {
        // It exited.
      }
    }, "h2 server output");
    drain.setDaemon(true);
    drain.start();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
