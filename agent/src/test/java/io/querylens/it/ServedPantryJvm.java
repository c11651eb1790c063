package io.querylens.it;

import io.querylens.annotations.Cached;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Run in a JVM of its own, under the configuration a test gives the agent: serves a few requests through a real
 * Tomcat that call a {@code @Cached} method and write the table it reads, so that the start-up lines, the Redis
 * lines and the reports all have something to say. Waits for the background Redis check before it exits.
 */
public final class ServedPantryJvm {
  private static final String URL = "jdbc:h2:mem:served_pantry;DB_CLOSE_DELAY=-1";

  /** One query per call, against the table the requests rename rows of. */
  public static class Pantry {
    @Cached(name = "it-served-pantry")
    public List<String> names(String run) throws SQLException {
      List<String> names = new ArrayList<>();
      try (Connection connection = DriverManager.getConnection(URL);
          Statement select = connection.createStatement();
          ResultSet rows = select.executeQuery("select name from food order by id")) {
        while (rows.next()) {
          names.add(rows.getString(1));
        }
      }
      return names;
    }
  }

  public static void main(String[] arguments) throws Exception {
    String run = arguments[0];
    try (Connection connection = DriverManager.getConnection(URL); Statement ddl = connection.createStatement()) {
      ddl.execute("create table food (id int primary key, name varchar(50))");
      ddl.execute("insert into food values (1, 'soy sauce'), (2, 'mirin')");
    }
    Pantry pantry = new Pantry();
    try (ScenarioServer server = new ScenarioServer()) {
      server.register("names", request -> String.join(",", pantry.names(run)));
      server.register("rename", request -> {
        try (Connection connection = DriverManager.getConnection(URL);
            Statement update = connection.createStatement()) {
          update.executeUpdate("update food set name = 'hon mirin' where id = 2");
        }
        return "renamed";
      });
      for (int i = 0; i < 3; i++) {
        System.out.println("names: " + server.get("/scenario/names/" + i).body());
        Thread.sleep(50);
      }
      System.out.println(server.get("/scenario/rename/1").body());
      System.out.println("names after the write: " + server.get("/scenario/names/after").body());
    }
    // The start-up check runs in the background: give it (and its connect timeout) time to say its line.
    Thread.sleep(1500);
    if (arguments.length > 1 && arguments[1].equals("mbean")) {
      printAgentMBean();
    }
  }

  /** What a monitoring tool reads: every attribute of the agent's MBean, once the five reports are written. */
  private static void printAgentMBean() throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name = new ObjectName("io.querylens:type=QueryLens");
    // Registered on a thread of its own once the first request has ended.
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!server.isRegistered(name) && System.nanoTime() < deadline - 5_000_000_000L) {
      Thread.sleep(20);
    }
    if (!server.isRegistered(name)) {
      System.out.println("mbean: none");
      return;
    }
    while ((Long) server.getAttribute(name, "ReportsWritten") < 5 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
      System.out.println("mbean " + attribute.getName() + "=" + server.getAttribute(name, attribute.getName()));
    }
  }
}
