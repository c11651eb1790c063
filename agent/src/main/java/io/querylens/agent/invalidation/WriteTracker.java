package io.querylens.agent.invalidation;

import io.querylens.agent.request.RequestScope;
import io.querylens.agent.bridge.TableBridge;
import io.querylens.agent.request.ThreadContext;
import io.querylens.agent.jdbc.tables.TableAccess;
import io.querylens.agent.jdbc.tables.TableExtractor;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Sees every statement the JVM executes and every transaction's end, and turns them into table-version bumps: with
 * auto-commit right after a write succeeds, inside a transaction once, after its commit has succeeded and before
 * {@code commit()} returns to the application. A rollback or a failed statement bumps nothing. Meanwhile it tells
 * the {@code @Cached} bodies running on the thread which tables they read.
 *
 * <p>A transaction's writes are kept under the connection the application's statements came from (with HikariCP,
 * its proxy), on the thread that wrote them: the commit of that connection on that thread bumps them.
 */
public final class WriteTracker implements TableBridge.Watcher {
  private final TableExtractor extractor;
  private final TableVersions versions;
  private final Set<String> excluded;
  private final UnnamedWriteLog unnamedWrites;
  private final BooleanSupplier active;

  /**
   * @param excludedTables tables whose writes invalidate nothing and whose reads no entry depends on
   * @param info logs a message at INFO level: each statement that empties every cache entry, once
   */
  public WriteTracker(TableExtractor extractor, TableVersions versions, Set<String> excludedTables,
      Consumer<String> info) {
    this(extractor, versions, excludedTables, info, () -> true);
  }

  /**
   * @param active whether writes must be tracked at all: false while this JVM has no {@code @Cached} method and its
   *     Redis is the default one, so that an application that uses the agent for its reports only never reaches
   *     for a Redis it does not have
   */
  public WriteTracker(TableExtractor extractor, TableVersions versions, Set<String> excludedTables,
      Consumer<String> info, BooleanSupplier active) {
    this.active = active;
    this.extractor = extractor;
    this.versions = versions;
    Set<String> normalised = new HashSet<>();
    for (String table : excludedTables) {
      normalised.add(table.toLowerCase(Locale.ROOT));
    }
    this.excluded = Set.copyOf(normalised);
    this.unnamedWrites = new UnnamedWriteLog(info, UnnamedWriteLog.DEFAULT_MAX_STATEMENTS);
  }

  @Override
  public void executed(ThreadContext thread, Object statement, String sql, boolean failed) {
    if (!active.getAsBoolean()) {
      return; // no @Cached method runs here (none can be reading), and nobody shares this Redis knowingly
    }
    ThreadTables state = (ThreadTables) thread.tables();
    boolean reading = state != null && !state.readers.isEmpty();
    if (sql == null) {
      if (reading) {
        for (TableReads reader : state.readers) {
          reader.unknown("a statement whose SQL the agent did not see");
        }
      }
      return;
    }
    TableAccess access = extractor.of(sql);
    if (reading) {
      for (TableReads reader : state.readers) {
        reader.add(kept(access.reads()));
        reader.add(kept(access.writes()));
        if (access.writesUnknown()) {
          reader.unknown(access.reason());
        }
      }
    }
    if (failed) {
      return;
    }
    // DDL that writes no table (a sequence, an index) still commits the open transaction on H2 and MySQL.
    boolean ddl = DataDefinition.is(sql);
    if (!access.isWrite() && !ddl) {
      return;
    }
    Set<String> written = ddl && DataDefinition.createsTableOrIndex(sql) ? Set.of() : kept(access.writes());
    if (access.writesUnknown()) {
      written = new HashSet<>(written);
      written.add(TableVersions.ANY);
      unnamedWrites.wrote(sql, access.reason());
    }
    if (written.isEmpty() && !ddl) {
      return;
    }
    Object connection = connectionOf(statement);
    if (connection == null || autoCommits(connection)) {
      if (!written.isEmpty()) {
        bump(thread, written, access.reason());
      }
      return;
    }
    if (state == null) {
      state = stateOf(thread);
    }
    Set<String> uncommitted = state.uncommitted.computeIfAbsent(connection, c -> new HashSet<>());
    uncommitted.addAll(written);
    if (written.contains(TableVersions.ANY)) {
      state.unknownWriteReason = access.reason();
    }
    if (uncommitted.isEmpty()) {
      state.uncommitted.remove(connection);
    } else if (ddl) {
      // DDL commits the open transaction on H2, MySQL and Oracle: what it wrote so far is committed now, and a later
      // rollback() must not drop it. Where DDL is transactional (PostgreSQL) the tables stay listed too, so the real
      // commit bumps them again after a reader may have filled from the rows of before.
      bump(thread, uncommitted, uncommitted.contains(TableVersions.ANY) ? state.unknownWriteReason : "");
    }
  }

  @Override
  public void transactionEnded(ThreadContext thread, Object connection, TableBridge.Ending ending) {
    ThreadTables state = (ThreadTables) thread.tables();
    if (state == null || state.uncommitted.isEmpty()) {
      return;
    }
    Set<String> written = state.uncommitted.remove(connection);
    if (written == null) {
      return;
    }
    // A failed commit may still have committed (the connection broke on the way back), and drivers differ on what
    // close() does to an open transaction: in both cases the writes are assumed to have landed.
    if (ending != TableBridge.Ending.ROLLBACK) {
      bump(thread, written, written.contains(TableVersions.ANY) ? state.unknownWriteReason : "");
    }
  }

  private void bump(ThreadContext thread, Set<String> written, String reason) {
    // A bump that cannot reach Redis is owed; the line that says so is Redis's own (RedisHealth): one per outage,
    // which already tells that this JVM's writes are owed to the others, not one more per cause here.
    boolean reached = versions.bump(written);
    RequestScope scope = thread.request();
    if (scope == null) {
      return;
    }
    // The report must not claim an invalidation other JVMs have not seen yet.
    if (reached) {
      scope.cache().invalidated(written, reason);
    } else {
      scope.cache().owed(written, reason);
    }
  }

  /** Starts recording the tables read on this thread, for a {@code @Cached} body about to run. */
  public TableReads startReading() {
    TableReads reads = new TableReads();
    stateOf(ThreadContext.current()).readers.add(reads);
    return reads;
  }

  public void stopReading(TableReads reads) {
    ThreadTables state = (ThreadTables) ThreadContext.current().tables();
    if (state != null) {
      state.readers.remove(reads);
    }
  }

  /** A {@code @Cached} call answered from an entry inside another's body: that body depends on the entry's tables. */
  public void readThroughCache(Set<String> tables) {
    ThreadTables state = (ThreadTables) ThreadContext.current().tables();
    if (state != null) {
      for (TableReads reader : state.readers) {
        reader.add(tables);
      }
    }
  }

  /** The tables this thread's open transactions have written, {@code *} for unknown ones; empty if none. */
  public Set<String> uncommittedTables() {
    ThreadTables state = (ThreadTables) ThreadContext.current().tables();
    return state == null ? Set.of() : state.uncommittedTables();
  }

  /** Whether a versions check may trust Redis: no bump of this JVM is still owed to it. */
  public boolean settled() {
    return versions.settleOwed();
  }

  /** Why a bump of this JVM is still owed to Redis, or null if none is. */
  public String owedBecause() {
    return versions.owedBecause();
  }

  /**
   * The tables, lower-cased, without the excluded ones. The extractor keeps a quoted name's case, but {@code "FOOD"}
   * and {@code food} are one table on H2, Oracle and DB2 (unquoted names fold to upper case there): comparing without
   * case may invalidate two tables that differ only by case (PostgreSQL's {@code "Food"} and {@code food}), never
   * too few.
   */
  private Set<String> kept(Set<String> tables) {
    if (tables.isEmpty()) {
      return tables;
    }
    boolean asIs = true;
    for (String table : tables) {
      if (excluded.contains(table) || !isLowerCase(table)) {
        asIs = false;
        break;
      }
    }
    if (asIs) {
      return tables;
    }
    Set<String> kept = new HashSet<>(tables.size() * 2);
    for (String table : tables) {
      String name = table.toLowerCase(Locale.ROOT);
      if (!excluded.contains(name)) {
        kept.add(name);
      }
    }
    return kept;
  }

  private static boolean isLowerCase(String table) {
    for (int i = 0; i < table.length(); i++) {
      if (Character.isUpperCase(table.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static ThreadTables stateOf(ThreadContext thread) {
    ThreadTables state = (ThreadTables) thread.tables();
    if (state == null) {
      state = new ThreadTables();
      thread.tables(state);
    }
    return state;
  }

  private static Object connectionOf(Object statement) {
    try {
      return statement instanceof Statement ? ((Statement) statement).getConnection() : null;
    } catch (SQLException | RuntimeException closed) {
      return null;
    }
  }

  private static boolean autoCommits(Object connection) {
    try {
      return !(connection instanceof Connection) || ((Connection) connection).getAutoCommit();
    } catch (SQLException | RuntimeException closed) {
      return true; // cannot tell: bump now rather than never
    }
  }
}
