package io.querylens.agent.jdbc.tables;

import java.util.Set;

/**
 * The tables one SQL statement reads and writes, as {@link TableExtractor} found them.
 *
 * <p>Names are normalised (see {@link TableExtractor}): an unquoted name is lower-cased, a quoted one
 * ({@code "Recipe"}, {@code `Recipe`}, {@code [Recipe]}) is kept exactly, without its quotes, and by default a schema
 * or catalog prefix is dropped. An alias or a CTE name is never a table.
 *
 * <p>{@code reads} are the tables whose rows the statement looks at: its FROM and JOIN items, subqueries anywhere,
 * CTE bodies, set-operation branches, the source of {@code INSERT ... SELECT}, {@code UPDATE ... FROM},
 * {@code DELETE ... USING} and {@code MERGE ... USING}. A table that is only written is not listed as read.
 *
 * <p>{@code writes} are the tables whose rows or definition the statement changes: the targets of INSERT (upserts
 * too), UPDATE, DELETE, MERGE, UPSERT, REPLACE and TRUNCATE, the table of CREATE/ALTER/DROP TABLE, CREATE INDEX,
 * {@code DROP INDEX ... ON} and CREATE/DROP VIEW, and both names of a table's rename. DDL of sequences, of indexes
 * that name no table and {@code CREATE SCHEMA} write no table: no cached result depends on them.
 *
 * <p>{@code writesUnknown} says the statement may write tables that {@code writes} does not name, so a consumer that
 * must not serve stale data treats every table as written: a stored procedure call, an anonymous code block, DDL
 * whose tables can't be named (DROP SCHEMA, CREATE FUNCTION, ...), and an unparsable statement with a
 * write keyword. {@code writes} then lists what could be named, if anything. {@code SELECT ... FOR UPDATE} is not a
 * write.
 *
 * <p>{@code reason} is empty when the parser understood the statement; otherwise it says why the result is less
 * than exact, such as {@code "stored procedure call"}, or {@code "unparsable statement with a write keyword"} and,
 * in parentheses, why the parser was not used. When the keyword scan stood in for the parser, {@code reads} are its
 * best effort: it errs towards naming too many tables, never knowingly too few.
 *
 * @param reads tables read, normalised; unmodifiable
 * @param writes tables written, normalised; unmodifiable
 * @param writesUnknown whether the statement may write tables missing from {@code writes}
 * @param reason why the result is not exact, or {@code ""}
 */
public record TableAccess(Set<String> reads, Set<String> writes, boolean writesUnknown, String reason) {

  /** A statement that touches no table: blank SQL, {@code COMMIT}, {@code SET ...}, {@code SELECT 1}. */
  public static final TableAccess NONE = new TableAccess(Set.of(), Set.of(), false, "");

  /** Reason of a {@code CALL}, {@code EXEC}, {@code EXECUTE} or JDBC <code>{call ...}</code> statement. */
  public static final String STORED_PROCEDURE = "stored procedure call";

  /** Reason of PostgreSQL's {@code DO} block: its body is a string the scanner does not look into. */
  public static final String CODE_BLOCK = "anonymous code block";

  /** Reason of DDL that may change what queries return but names no table: DROP SCHEMA, CREATE FUNCTION, ... */
  public static final String UNNAMED_DDL = "DDL whose tables can't be named";

  /** Reason prefix when the keyword scan stood in for the parser and found a write keyword. */
  public static final String UNPARSABLE_WRITE = "unparsable statement with a write keyword";

  /** Reason prefix when the keyword scan stood in for the parser and all it found was named. */
  public static final String UNPARSABLE = "unparsable statement; tables found by keyword scan";

  /**
   * @throws NullPointerException if {@code reads}, {@code writes} or one of their elements is null
   */
  public TableAccess {
    reads = Set.copyOf(reads);
    writes = Set.copyOf(writes);
    reason = (reason == null) ? "" : reason;
  }

  /** Whether the statement writes a table, or may. */
  public boolean isWrite() {
    return !writes.isEmpty() || writesUnknown;
  }
}
