package io.querylens.it.faults;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.querylens.annotations.Cached;
import io.querylens.it.ScenarioServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Run in a JVM of its own with the packaged agent, for as long as a fault test lasts: a JVM of an application that
 * reads one row of the shared database through a {@code @Cached} method and writes it through HTTP requests (so that
 * the agent writes their reports). {@link JvmUnderTest} drives it over stdin, one command a line; every answer is one
 * line starting with {@value #REPLY}, among whatever the agent logs.
 *
 * <ul>
 *   <li>{@code seed}: creates the row, named {@code v0}.
 *   <li>{@code write <n>}: renames it {@code v<n>} in a request of its own; answers when the commit returned, on the
 *       {@link System#nanoTime()} clock every process of the machine shares on Linux (CLOCK_MONOTONIC).
 *   <li>{@code await <n> <millis>}: calls until a call returns version {@code n} or later as a hit (served from
 *       Redis, the body did not run), or the time is up.
 *   <li>{@code readers start <threads>} / {@code readers stop <file>}: reader threads that call the method in a loop
 *       and record every call; stopping writes the record to the file, one call a line (see {@link Read#parse}).
 *   <li>{@code exit}.
 * </ul>
 */
public final class FoodJvm {
  static final String REPLY = "food-jvm: ";
  /** The reader threads' pause between calls: steady traffic, without starving a loaded 2-core machine. */
  private static final long READER_PAUSE_MILLIS = 5;

  /** The cached method: the name of the row, as a version number. */
  public static final class Food {
    static final String CACHE = "fault-food";
    /** Whether the method body ran in the current call on this thread, that is whether the call was not a hit. */
    private static final ThreadLocal<Boolean> RAN = ThreadLocal.withInitial(() -> false);

    private final DataSource pool;

    Food(DataSource pool) {
      this.pool = pool;
    }

    @Cached(name = CACHE)
    public String name(String label) throws SQLException {
      RAN.set(true);
      try (Connection connection = pool.getConnection();
          PreparedStatement select = connection.prepareStatement("select name from food where id = 2");
          ResultSet row = select.executeQuery()) {
        row.next();
        return row.getString(1);
      }
    }

    /** One call, timed and recorded. */
    Read read(String label) {
      RAN.set(false);
      long start = System.nanoTime();
      int version;
      try {
        version = Integer.parseInt(name(label).substring(1));
      } catch (SQLException | RuntimeException e) {
        version = Read.FAILED;
      }
      return new Read(start, System.nanoTime(), version, !RAN.get());
    }
  }

  private final String label;
  private final HikariDataSource pool;
  private final Food food;
  private final List<Read> reads = new CopyOnWriteArrayList<>();
  private final List<Thread> readers = new ArrayList<>();
  private volatile boolean reading;

  private FoodJvm(String jdbcUrl, String label) {
    this.label = label;
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setMaximumPoolSize(8);
    this.pool = new HikariDataSource(config);
    this.food = new Food(pool);
  }

  public static void main(String[] arguments) throws Exception {
    FoodJvm jvm = new FoodJvm(arguments[0], arguments[1]);
    try (ScenarioServer server = new ScenarioServer()) {
      server.register("fault-write", request -> {
        String name = "v" + request.getPathInfo().substring(request.getPathInfo().lastIndexOf('/') + 1);
        try (Connection connection = jvm.pool.getConnection();
            PreparedStatement update = connection.prepareStatement("update food set name = ? where id = 2")) {
          update.setString(1, name);
          update.executeUpdate(); // auto-commit: the bump (or its failure) is over when this returns
        }
        return Long.toString(System.nanoTime());
      });
      jvm.serve(server);
    } finally {
      jvm.pool.close();
    }
  }

  private void serve(ScenarioServer server) throws Exception {
    BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    out.println(REPLY + "ready");
    for (String line = commands.readLine(); line != null; line = commands.readLine()) {
      String[] words = line.trim().split(" ");
      switch (words[0]) {
        case "seed" -> {
          try (Connection connection = pool.getConnection(); Statement ddl = connection.createStatement()) {
            ddl.execute("create table food (id int primary key, name varchar(20) not null)");
            ddl.execute("insert into food values (2, 'v0')");
          }
          out.println(REPLY + "seeded");
        }
        case "write" -> {
          var response = server.get("/scenario/fault-write/" + label + "/" + words[1]);
          out.println(REPLY + (response.statusCode() == 200 ? "wrote " + words[1] + " " + response.body()
              : "write failed: " + response.statusCode() + " " + response.body()));
        }
        case "await" -> out.println(REPLY + await(Integer.parseInt(words[1]), Long.parseLong(words[2])));
        case "readers" -> {
          if (words[1].equals("start")) {
            startReaders(Integer.parseInt(words[2]));
            out.println(REPLY + "readers started");
          } else {
            int count = stopReaders(Path.of(words[2]));
            out.println(REPLY + "readers stopped " + count);
          }
        }
        case "exit" -> {
          stopReaders(null);
          out.println(REPLY + "bye");
          return;
        }
        default -> out.println(REPLY + "unknown command " + line);
      }
    }
  }

  private String await(int version, long millis) throws InterruptedException {
    long start = System.nanoTime();
    long deadline = start + TimeUnit.MILLISECONDS.toNanos(millis);
    Read last = null;
    while (System.nanoTime() - deadline < 0) {
      last = food.read(label);
      if (last.hit() && last.version() >= version) {
        return "hit v" + last.version() + " after " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)
            + " ms";
      }
      Thread.sleep(READER_PAUSE_MILLIS);
    }
    return "no hit of v" + version + " within " + millis + " ms; last call: " + last;
  }

  private void startReaders(int threads) {
    reads.clear();
    reading = true;
    for (int i = 0; i < threads; i++) {
      Thread reader = new Thread(() -> {
        List<Read> mine = new ArrayList<>();
        try {
          while (reading) {
            mine.add(food.read(label));
            Thread.sleep(READER_PAUSE_MILLIS);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } finally {
          reads.addAll(mine);
        }
      }, "fault-reader-" + i);
      reader.start();
      readers.add(reader);
    }
  }

  private int stopReaders(Path file) throws Exception {
    reading = false;
    for (Thread reader : readers) {
      reader.join(30_000);
    }
    readers.clear();
    if (file != null) {
      List<String> lines = new ArrayList<>();
      reads.forEach(read -> lines.add(read.format()));
      Files.write(file, lines);
    }
    return reads.size();
  }
}
