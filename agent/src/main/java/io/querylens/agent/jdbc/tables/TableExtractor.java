package io.querylens.agent.jdbc.tables;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Tells which tables a SQL statement reads and which it writes, for invalidating cached results when a table they
 * were read from is written.
 *
 * <h2>Pipeline</h2>
 *
 * <ol>
 *   <li><b>Memo.</b> A hit is one {@link ConcurrentHashMap#get}. A miss runs the steps below once per distinct SQL
 *       text; two threads missing the same text at once may both run them, which is cheaper than making either wait.
 *       The memo holds at most {@code maxCachedStatements} entries and, when full, is emptied and refilled rather than
 *       evicting one entry at a time, like {@link io.querylens.agent.jdbc.StatementCatalog}: an application has a few
 *       hundred distinct statements, so reaching the bound means SQL built with inline literals, which would churn
 *       any policy. Statements longer than {@code maxParsedLength} are not memoized: the keyword scan they get costs
 *       about what a lookup of so long a key does, and they are mostly one-off bulk inserts.
 *   <li><b>Tokens.</b> {@link SqlTokens} cuts the text with literals and comments out of the way and splits it at
 *       semicolons; each statement is looked at alone and the results are united. This is also what keeps
 *       {@code select 1; delete from t} from passing as a query: the parser stops after one statement.
 *   <li><b>Calls.</b> {@code CALL}, {@code EXEC}, {@code EXECUTE} and JDBC's <code>{call p(?)}</code> and
 *       <code>{? = call f(?)}</code> are stored procedure calls, and PostgreSQL's {@code DO} is a code block: both
 *       {@code writesUnknown}, as nothing here can see into them.
 *   <li><b>Parser.</b> JSqlParser ({@link GuardedParser}), on a parser thread with a deadline, and
 *       {@link StatementWalker} over its tree. Statements longer than {@code maxParsedLength} chars or nested more
 *       than {@value #MAX_PARSED_DEPTH} parentheses deep skip it.
 *   <li><b>Fallback.</b> Whatever the parser could not take in time, {@link KeywordScan} reads by keywords: best
 *       effort reads, and {@code writesUnknown} whenever a write keyword appears, unless the statement is a plain
 *       single-target {@code INSERT}, {@code UPDATE}, {@code DELETE} or {@code MERGE}. A timed-out statement keeps
 *       its fallback result in the memo (parsing it again would cost the timeout again); a parse refused because the
 *       parser threads were busy, or interrupted, does not.
 * </ol>
 *
 * {@link #of} never throws: even a bug in this package ends in a result that says every table may be written.
 *
 * <h2>Names</h2>
 *
 * See {@link TableNames}: unquoted names are lower-cased, quoted ones kept exactly without their quotes
 * ({@code "..."}, {@code `...`}, {@code [...]}), and the schema (and catalog) prefix is dropped unless
 * {@code keepSchema} is set, since the same table is often named both with and without it; over-invalidation across
 * schemas is the accepted price. Aliases and CTE names are never tables; views are tables by their own name.
 *
 * <h2>Dialects</h2>
 *
 * Tested on a corpus ({@code src/test/resources/sql-corpus}) of what Hibernate 7.2 sends for the demo on H2 2.4 and on
 * PostgreSQL 15, what the PostgreSQL JDBC driver sends of its own, the demo's schema script, the DDL of H2,
 * PostgreSQL and MySQL that schema tools and migrations send, and hand-written statements with MySQL-isms
 * (backticks, {@code REPLACE}, {@code ON DUPLICATE KEY UPDATE}, multi-table UPDATE and DELETE) and SQL Server
 * brackets. JSqlParser knows more dialects than these; they are not tested here.
 *
 * <h2>Known gaps</h2>
 *
 * <ul>
 *   <li>A function or trigger that writes ({@code select my_function()}, an insert whose trigger writes another
 *       table) writes tables nothing here can see; so does a write through a view, a foreign key's
 *       {@code ON DELETE CASCADE} or PostgreSQL's {@code TRUNCATE ... CASCADE}, which name only the view or the
 *       parent table.
 *   <li>An updatable view is named as itself: a write to a view does not name its base tables, and a write to a
 *       base table does not name the views over it.
 *   <li>A quoted name with a dot in it ({@code "a.b"}) is split by JSqlParser into schema and table.
 *   <li>MySQL's backslash escapes in {@code '...'} are not understood by the keyword scan (JSqlParser's option for
 *       them is off), so a statement that both needs the fallback and uses {@code \'} may be misread.
 * </ul>
 *
 * <h2>Settings</h2>
 *
 * {@code maxCachedStatements} (no default: the caller's setting), {@code keepSchema} (default false),
 * {@code parseTimeoutMillis} (default {@value #DEFAULT_PARSE_TIMEOUT_MILLIS}) and {@code maxParsedLength} (default
 * {@value #DEFAULT_MAX_PARSED_LENGTH}). Not offered: JSqlParser's complex mode (exponential), a choice of dialect
 * (one parse serves all), and a memo policy other than clearing.
 */
public final class TableExtractor {

  /** Default deadline of one parse. */
  public static final long DEFAULT_PARSE_TIMEOUT_MILLIS = 500;

  /**
   * Default length above which a statement goes straight to the keyword scan: a 1,000-row insert or a 5,000-element
   * IN list, which JSqlParser takes tenths of a second over and the scan reads as well.
   */
  public static final int DEFAULT_MAX_PARSED_LENGTH = 10_000;

  /** Parentheses nested deeper than this skip the parser, whose recursion they could overflow. */
  static final int MAX_PARSED_DEPTH = 64;

  private final ConcurrentHashMap<String, TableAccess> memo = new ConcurrentHashMap<>();
  private final int maxCachedStatements;
  private final boolean keepSchema;
  private final long parseTimeoutNanos;
  private final int maxParsedLength;

  /**
   * An extractor with the default settings.
   *
   * @param maxCachedStatements the most statements remembered at once
   * @throws IllegalArgumentException if {@code maxCachedStatements} is below 1
   */
  public TableExtractor(int maxCachedStatements) {
    this(maxCachedStatements, false, DEFAULT_PARSE_TIMEOUT_MILLIS, DEFAULT_MAX_PARSED_LENGTH);
  }

  /**
   * @param maxCachedStatements the most statements remembered at once
   * @param keepSchema whether names keep their schema and catalog: {@code public.recipe} stays so, while an
   *     unqualified {@code recipe} stays unqualified (the search path is unknown here)
   * @param parseTimeoutMillis how long one parse may take before the keyword scan is used instead
   * @param maxParsedLength the longest statement, in chars, given to the parser
   * @throws IllegalArgumentException if {@code maxCachedStatements}, {@code parseTimeoutMillis} or
   *     {@code maxParsedLength} is below 1
   */
  public TableExtractor(int maxCachedStatements, boolean keepSchema, long parseTimeoutMillis, int maxParsedLength) {
    require(maxCachedStatements >= 1, "maxCachedStatements must be at least 1: " + maxCachedStatements);
    require(parseTimeoutMillis >= 1, "parseTimeoutMillis must be at least 1: " + parseTimeoutMillis);
    require(maxParsedLength >= 1, "maxParsedLength must be at least 1: " + maxParsedLength);
    this.maxCachedStatements = maxCachedStatements;
    this.keepSchema = keepSchema;
    this.parseTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(parseTimeoutMillis);
    this.maxParsedLength = maxParsedLength;
    GuardedParser.warmUp();
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /**
   * Returns the tables {@code sql} reads and writes.
   *
   * @param sql the text passed to JDBC (one statement, or several separated by semicolons), or null
   * @return the tables; {@link TableAccess#NONE} for null, blank or comment-only SQL; never throws
   */
  public TableAccess of(String sql) {
    if (sql == null) {
      return TableAccess.NONE;
    }
    TableAccess access = memo.get(sql);
    return (access != null) ? access : miss(sql);
  }

  /** The number of statements remembered. */
  public int size() {
    return memo.size();
  }

  private TableAccess miss(String sql) {
    Miss miss = new Miss();
    TableAccess access;
    try {
      access = extract(sql, miss);
    } catch (Throwable bug) {
      // Never let a bug here reach the application's JDBC call; assume the worst about what it writes.
      // The exception's class only: its message may quote the statement, literals and all, and reasons are logged.
      return new TableAccess(Set.of(), Set.of(), true, "extraction failed: " + bug.getClass().getName());
    }
    if (!miss.isTransient && sql.length() <= maxParsedLength) {
      if (memo.size() >= maxCachedStatements) {
        memo.clear();
      }
      memo.put(sql, access);
    }
    return access;
  }

  /** What the steps of one miss found out about the miss itself. */
  private static final class Miss {
    /** A step failed for a passing reason, so the result must not be remembered. */
    boolean isTransient;
  }

  private TableAccess extract(String sql, Miss miss) {
    SqlTokens tokens = SqlTokens.of(sql);
    long[] statements = tokens.statements();
    if (statements.length == 1) {
      return statement(tokens, (int) (statements[0] >>> 32), (int) statements[0], miss);
    }
    TableAccess union = TableAccess.NONE;
    for (long range : statements) {
      union = union(union, statement(tokens, (int) (range >>> 32), (int) range, miss));
    }
    return union;
  }

  private TableAccess statement(SqlTokens tokens, int from, int to, Miss miss) {
    if (isCall(tokens, from)) {
      return new TableAccess(Set.of(), Set.of(), true, TableAccess.STORED_PROCEDURE);
    }
    if (tokens.isWord(from, "do")) {
      return new TableAccess(Set.of(), Set.of(), true, TableAccess.CODE_BLOCK);
    }
    int start = tokens.start(from);
    int end = tokens.end(to - 1);
    if (end - start > maxParsedLength) {
      return KeywordScan.scan(tokens, from, to, keepSchema, "longer than " + maxParsedLength + " chars");
    }
    if (tokens.maxDepth() > MAX_PARSED_DEPTH) {
      return KeywordScan.scan(tokens, from, to, keepSchema, "nested deeper than " + MAX_PARSED_DEPTH);
    }
    try {
      return GuardedParser.parse(
          tokens.sql.substring(start, end), tokens.bracketIdentifiers(), keepSchema, parseTimeoutNanos);
    } catch (GuardedParser.ParseFailure failure) {
      miss.isTransient |= failure.isTransient();
      return KeywordScan.scan(tokens, from, to, keepSchema, failure.getMessage());
    }
  }

  /** {@code CALL p}, {@code EXEC p}, {@code EXECUTE p}, <code>{call p}</code> or <code>{? = call f}</code>. */
  private static boolean isCall(SqlTokens tokens, int i) {
    if (tokens.isSymbol(i, '{')) {
      i++;
      if (tokens.kind(i) == SqlTokens.PARAM && tokens.isSymbol(i + 1, '=')) {
        i += 2;
      }
      return tokens.isWord(i, "call");
    }
    return tokens.isWord(i, "call") || tokens.isWord(i, "exec") || tokens.isWord(i, "execute");
  }

  private static TableAccess union(TableAccess a, TableAccess b) {
    if (a == TableAccess.NONE) {
      return b;
    }
    Set<String> reads = new LinkedHashSet<>(a.reads());
    reads.addAll(b.reads());
    Set<String> writes = new LinkedHashSet<>(a.writes());
    writes.addAll(b.writes());
    String reason = a.reason();
    if (reason.isEmpty()) {
      reason = b.reason();
    } else if (!b.reason().isEmpty() && !reason.contains(b.reason())) {
      reason = reason + "; " + b.reason();
    }
    return new TableAccess(reads, writes, a.writesUnknown() || b.writesUnknown(), reason);
  }
}
