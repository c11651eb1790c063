package io.querylens.demo.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.h2.tools.Server;

/**
 * An H2 database in a TCP server of the test JVM, on a free loopback port, that several demo processes share through
 * {@code SPRING_DATASOURCE_URL}, as instances of a real deployment share one PostgreSQL. The database lives in memory
 * until {@link #close()}, and the test reads it directly to see what the demos did (row counts, ids).
 */
final class TestH2Server implements AutoCloseable {

  /** Spring Boot's user for an in-memory H2, given explicitly: Boot does not default it for a server URL. */
  private static final String USER = "sa";

  private final Server server;
  private final String url;

  private TestH2Server(Server server, String url) {
    this.server = server;
    this.url = url;
  }

  /** Starts a server; {@code database} names the in-memory database the demos will create in it. */
  static TestH2Server start(String database) throws SQLException {
    int port = freeLoopbackPort();
    // -ifNotExists: the first demo to connect creates the database, as it would create its own in-memory one.
    Server server = Server.createTcpServer("-tcpPort", String.valueOf(port), "-ifNotExists").start();
    return new TestH2Server(server, "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:" + database + ";DB_CLOSE_DELAY=-1");
  }

  /** The demo's environment that points it at this database, as the demo's README says to point it at PostgreSQL. */
  Map<String, String> demoEnvironment() {
    return Map.of("SPRING_DATASOURCE_URL", url, "SPRING_DATASOURCE_USERNAME", USER, "SPRING_DATASOURCE_PASSWORD", "");
  }

  String url() {
    return url;
  }

  /** The number of rows of {@code table}. */
  long count(String table) throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("select count(*) from " + table)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** The id of the food named {@code name}. */
  long foodId(String name) throws SQLException {
    try (Connection connection = connect();
        PreparedStatement statement = connection.prepareStatement("select id from food where name = ?")) {
      statement.setString(1, name);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          throw new AssertionError("no food named '" + name + "' in " + url);
        }
        return rows.getLong(1);
      }
    }
  }

  @Override
  public void close() {
    server.stop();
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(url, USER, "");
  }

  private static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }
}
