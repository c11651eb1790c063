package io.querylens.it.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.SQLException;
import org.h2.tools.Server;

/**
 * The one database the JVMs of a fault test share, as an application's JVMs share theirs: an in-memory H2 database
 * behind an H2 TCP server on a free loopback port, in this JVM. This JVM never connects to it itself: its agent would
 * count and bump the writes, against the build's Redis.
 */
final class SharedDatabase implements AutoCloseable {
  private final Server server;

  private SharedDatabase(Server server) {
    this.server = server;
  }

  static SharedDatabase start() throws SQLException {
    SQLException last = null;
    for (int attempt = 0; attempt < 5; attempt++) {
      try {
        return new SharedDatabase(
            Server.createTcpServer("-tcpPort", Integer.toString(freePort()), "-ifNotExists").start());
      } catch (SQLException takenMeanwhile) {
        last = takenMeanwhile;
      }
    }
    throw last;
  }

  /** The JDBC URL of the database {@code name}; it lives as long as this server. */
  String url(String name) {
    return "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/mem:" + name + ";DB_CLOSE_DELAY=-1";
  }

  @Override
  public void close() {
    server.stop();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
