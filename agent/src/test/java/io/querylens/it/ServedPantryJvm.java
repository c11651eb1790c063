package io.querylens.it;

import io.querylens.annotations.Cached;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

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
  }
}
