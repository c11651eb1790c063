package io.querylens.benchmarks.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * What does the agent add to one JDBC execute? A prepared primary-key lookup ({@code setLong}, {@code executeQuery},
 * read the row, close it) on each {@link Driver}, in JVMs without the agent ({@link AgentMode#NONE}), with it but
 * outside any request ({@link AgentMode#OUTSIDE}) and inside a request that stays open for the whole iteration
 * ({@link AgentMode#INSIDE}). The added cost per execute is a mode's time minus {@code NONE}'s on the same driver,
 * and minus {@link AgentMode#FLOOR}'s (an agent that changes nothing) for what QueryLens itself adds.
 *
 * <p>The agent touches two of the calls: {@code setLong} (its woven bind call hashes the value inside a request) and
 * {@code executeQuery} (timed, fingerprinted and counted inside a request); outside a request each of them costs
 * a thread-local read. The ids follow a fixed pseudo-random sequence over the table, so H2 walks its index as it
 * would for real traffic, and every mode sees the same sequence.
 *
 * <p>An {@link AgentMode#INSIDE} iteration is one long request of millions of executes of one statement: the
 * agent's per-statement duplicate tracking is full (it remembers 1,024 distinct executions) for all but the first
 * few microseconds, which is its steady state in a request that repeats a statement often.
 *
 * <p>{@link AgentMode#ALTERNATING} is a fourth, optional mode: the inside-a-request cost measured as paired
 * differences within one JVM, for drivers whose time varies too much from fork to fork to show it otherwise.
 *
 * <p>Run it with {@link io.querylens.benchmarks.OverheadRunner}, which forks each mode with its own JVM arguments
 * and prints the differences; from the repository root, after {@code mvn -q -DskipTests package}:
 *
 * <pre>{@code
 * java -jar benchmarks/target/querylens-benchmarks.jar
 * }</pre>
 *
 * <p>Conclusion (2-core KVM machine, Java 17 and 25, the agent of main {@code 02ec805}; details, numbers and
 * commands in {@code benchmarks/README.md}): the agent's own work (stub driver) is +8 to +11 ns per execute outside a
 * request and +75 to +79 ns inside one, within both targets (20 and 200 ns). On a real driver any
 * {@code -javaagent}, even one whose {@code premain} is empty, costs H2 some 100 B of allocation and 60 to 280 ns per
 * execute; above that floor, QueryLens met both targets on Java 25 and missed them on Java 17 behind HikariCP and
 * inside a request on H2, in runs of three forks whose spread is as large as the differences.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 6, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgs = {"-Xms1g", "-Xmx1g"})
public class ExecuteOverheadBenchmark {
  /** Rows in the table. */
  static final int ROWS = 10_000;
  static final String SQL = "select id, name from item where id = ?";

  /** The pseudo-random ids, a power of two of them so the next one is a mask away. */
  private static final int ID_COUNT = 1 << 14;
  private static final long[] IDS = new SplittableRandom(20_240_601L).longs(ID_COUNT, 0, ROWS).toArray();

  @Param({"H2", "HIKARI", "STUB"})
  Driver driver;

  @Param({"NONE", "FLOOR", "OUTSIDE", "OUTSIDE_NO_CACHE", "INSIDE", "ALTERNATING"})
  AgentMode agent;

  private final List<AutoCloseable> resources = new ArrayList<>();
  private Connection connection;
  private PreparedStatement statement;

  /** Executes so far; the id of the next one is {@code IDS[sequence & (ID_COUNT - 1)]}. */
  private long sequence;
  private long sequenceAtIterationStart;
  /** Iterations begun so far, warm-up included. */
  private int iteration;
  private Object request;

  @Setup(Level.Trial)
  public void connect() throws SQLException {
    agent.check();
    String[] names = new String[ROWS];
    for (int id = 0; id < ROWS; id++) {
      names[id] = "item-" + id;
    }
    connection = driver.connect(names, resources);
    statement = connection.prepareStatement(SQL);
    if (agent.attached()) {
      AgentBridge.requireInstrumented(statement);
    }
  }

  @Setup(Level.Iteration)
  public void openRequest() {
    sequenceAtIterationStart = sequence;
    if (agent.insideRequest(iteration++)) {
      request = AgentBridge.openRequest();
    } else if (agent.attached()) {
      AgentBridge.requireNoRequest();
    }
  }

  @Benchmark
  public void lookup(Blackhole blackhole) throws SQLException {
    statement.setLong(1, IDS[(int) (sequence++ & (ID_COUNT - 1))]);
    try (ResultSet row = statement.executeQuery()) {
      if (!row.next()) {
        throw new IllegalStateException("no row");
      }
      blackhole.consume(row.getLong(1));
      blackhole.consume(row.getString(2));
    }
  }

  @TearDown(Level.Iteration)
  public void closeRequest() {
    if (request != null) {
      Object closing = request;
      request = null;
      AgentBridge.closeRequest(closing, sequence - sequenceAtIterationStart);
    }
  }

  @TearDown(Level.Trial)
  public void close() throws Exception {
    if (statement != null) {
      statement.close();
    }
    if (connection != null) {
      connection.close();
    }
    for (AutoCloseable resource : resources) {
      resource.close();
    }
  }
}
