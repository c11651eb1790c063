package io.querylens.agent.jdbc.tables;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * The tables a DDL statement writes, read from its shape, for {@link KeywordScan}: JSqlParser lacks much of the DDL
 * that schema tools send ({@code DROP TABLE x IF EXISTS}, H2's and Hibernate's on H2; {@code DROP TABLE a, b};
 * MySQL's {@code DROP FOREIGN KEY}; PostgreSQL's {@code TRUNCATE ... RESTART IDENTITY}), and a schema export that
 * makes every one of its statements empty the whole cache makes the cache useless at every start.
 *
 * <p>A shape is trusted only when nothing in the statement can write elsewhere. Short forms ({@code DROP},
 * {@code TRUNCATE}, {@code RENAME}) must match to their last token. Forms with a free tail ({@code CREATE TABLE},
 * {@code CREATE INDEX}, {@code CREATE VIEW}, {@code ALTER TABLE}) must hold no write keyword in it beyond an
 * {@code ALTER TABLE}'s own {@code ALTER}, {@code DROP} and {@code RENAME} actions; a foreign key's
 * {@code REFERENCES y} names a table the statement does not change. Anything else gives null, and the scan then says
 * the writes are unknown.
 *
 * <p>Objects that are not tables give no name, as in {@link StatementWalker}: no cached result holds a sequence's
 * value or an index (an index changes how fast a query runs, never what it returns), and a new schema is empty.
 * {@code DROP SCHEMA} drops tables it does not name, so it is not a shape here.
 */
final class DdlScan {

  private final SqlTokens tokens;
  private final int from;
  private final int to;
  private final boolean keepSchema;
  private final IntPredicate isWriteKeyword;
  private final Set<String> targets = new LinkedHashSet<>();

  private DdlScan(SqlTokens tokens, int from, int to, boolean keepSchema, IntPredicate isWriteKeyword) {
    this.tokens = tokens;
    this.from = from;
    this.to = to;
    this.keepSchema = keepSchema;
    this.isWriteKeyword = isWriteKeyword;
  }

  /**
   * Returns the tables the DDL statement in tokens {@code [from, to)} writes, possibly none, or null when it is not
   * a statement of a shape known here.
   *
   * @param isWriteKeyword whether the token at an index is a write keyword, as the keyword scan judges it
   */
  static Set<String> targets(SqlTokens tokens, int from, int to, boolean keepSchema, IntPredicate isWriteKeyword) {
    DdlScan scan = new DdlScan(tokens, from, to, keepSchema, isWriteKeyword);
    return scan.read() ? scan.targets : null;
  }

  private boolean read() {
    if (word(from, "drop")) {
      return drop(from + 1);
    }
    if (word(from, "truncate")) {
      return truncate(skip(from + 1, "table"));
    }
    if (word(from, "rename")) {
      return word(from + 1, "table") && renames(from + 2);
    }
    if (word(from, "alter")) {
      return alter(from + 1);
    }
    if (word(from, "create")) {
      return create(from + 1);
    }
    return false;
  }

  /** {@code DROP [TEMPORARY] TABLE|VIEW|INDEX|SEQUENCE ...}. */
  private boolean drop(int i) {
    i = skip(i, "temporary", "temp", "materialized");
    if (word(i, "table") || word(i, "view")) {
      // DROP TABLE [IF EXISTS] a, b [IF EXISTS] [CASCADE [CONSTRAINTS] | RESTRICT] [PURGE]: CASCADE drops the
      // views and foreign keys that depend on the tables, which changes no other table's rows.
      i = nameList(skip(i + 1, "if", "exists"), targets);
      return i >= 0 && skip(i, "if", "exists", "cascade", "constraints", "restrict", "purge") == to;
    }
    if (word(i, "index")) {
      // DROP INDEX [CONCURRENTLY] [IF EXISTS] i [ON t] [CASCADE | RESTRICT] [ALGORITHM = x] [LOCK = y]: MySQL's
      // and SQL Server's name their table, which is written as CREATE INDEX's is; the others name none.
      i = nameList(skip(i + 1, "concurrently", "if", "exists"), new LinkedHashSet<>());
      if (i >= 0 && word(i, "on")) {
        i = name(skip(i + 1, "only"), targets);
      }
      return i >= 0 && options(skip(i, "cascade", "restrict")) == to;
    }
    if (word(i, "sequence")) {
      i = nameList(skip(i + 1, "if", "exists"), new LinkedHashSet<>());
      return i >= 0 && skip(i, "cascade", "restrict") == to;
    }
    return false;
  }

  /** {@code TRUNCATE [TABLE] [ONLY] a [*], ... [RESTART | CONTINUE IDENTITY] [CASCADE | RESTRICT]}. */
  private boolean truncate(int i) {
    while (true) {
      i = name(skip(i, "only"), targets);
      if (i < 0) {
        return false;
      }
      if (tokens.isSymbol(i, '*')) {
        i++; // PostgreSQL's "and its descendants", the default anyway
      }
      if (!tokens.isSymbol(i, ',')) {
        break;
      }
      i++;
    }
    if (word(i, "restart") || word(i, "continue")) {
      if (!word(i + 1, "identity")) {
        return false;
      }
      i += 2;
    }
    // PostgreSQL's CASCADE also empties the tables whose foreign keys point here; like a foreign key's ON DELETE
    // CASCADE, those are not named (see TableExtractor's known gaps).
    return skip(i, "cascade", "restrict") == to;
  }

  /** MySQL's {@code RENAME TABLE a TO b, c TO d}: queries of both names change. */
  private boolean renames(int i) {
    while (true) {
      i = name(i, targets);
      if (i < 0 || !word(i, "to")) {
        return false;
      }
      i = name(i + 1, targets);
      if (i < 0) {
        return false;
      }
      if (i == to) {
        return true;
      }
      if (!tokens.isSymbol(i, ',')) {
        return false;
      }
      i++;
    }
  }

  /** {@code ALTER TABLE [IF EXISTS] [ONLY] t actions} and {@code ALTER SEQUENCE}. */
  private boolean alter(int i) {
    if (word(i, "sequence")) {
      return freeTail(i + 1);
    }
    if (!word(i, "table")) {
      return false;
    }
    i = name(skip(i + 1, "if", "exists", "only"), targets);
    if (i < 0) {
      return false;
    }
    for (int j = i; j < to; j++) {
      if (word(j, "table")) {
        return false; // MySQL's EXCHANGE PARTITION ... WITH TABLE other changes the other's rows
      }
      if (word(j, "rename") && !renameTarget(j + 1)) {
        return false;
      }
      if (isWriteKeyword.test(j) && !word(j, "alter") && !word(j, "drop")) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads what follows an {@code ALTER TABLE}'s {@code RENAME}; a new name of the table is a target, as queries of
   * it change too. {@code RENAME [TO | AS] new} (PostgreSQL, H2, MySQL) renames the table; {@code RENAME [COLUMN |
   * INDEX | KEY | CONSTRAINT] a TO b}, or PostgreSQL's {@code RENAME a TO b}, renames something in it.
   */
  private boolean renameTarget(int i) {
    if (word(i, "to") || word(i, "as")) {
      return name(i + 1, targets) >= 0;
    }
    if (word(i, "column") || word(i, "index") || word(i, "key") || word(i, "constraint")) {
      return true;
    }
    int after = name(i, new LinkedHashSet<>());
    if (after < 0) {
      return false;
    }
    return word(after, "to") || name(i, targets) >= 0; // MySQL's RENAME new, without TO
  }

  /**
   * {@code CREATE [modifiers] TABLE|VIEW t ...}, {@code CREATE [modifiers] INDEX ... ON t ...},
   * {@code CREATE SEQUENCE} and {@code CREATE SCHEMA}, with up to four modifier words before the object
   * ({@code OR REPLACE}, {@code GLOBAL TEMPORARY}, {@code UNIQUE}, {@code MATERIALIZED}, ...).
   */
  private boolean create(int i) {
    int object = i;
    while (object < to && object - i < 4 && tokens.kind(object) == SqlTokens.WORD && !isObject(object)) {
      object++;
    }
    if (!isObject(object)) {
      return false;
    }
    if (word(object, "table") || word(object, "view")) {
      int after = name(skip(object + 1, "if", "not", "exists"), targets);
      return after >= 0 && freeTail(after);
    }
    if (word(object, "index")) {
      int on = object + 1;
      while (on < to && !word(on, "on") && tokens.kind(on) != SqlTokens.SYMBOL) {
        on++; // CONCURRENTLY, IF NOT EXISTS, the index's name
      }
      if (!word(on, "on")) {
        return false;
      }
      int after = name(skip(on + 1, "only"), targets);
      return after >= 0 && freeTail(after);
    }
    return freeTail(object + 1); // SEQUENCE, SCHEMA: nothing to name
  }

  private boolean isObject(int i) {
    return word(i, "table") || word(i, "view") || word(i, "index") || word(i, "sequence") || word(i, "schema");
  }

  /** Whether tokens from {@code i} on hold no write keyword: a column list, options, a query to read. */
  private boolean freeTail(int i) {
    for (int j = i; j < to; j++) {
      if (isWriteKeyword.test(j)) {
        return false;
      }
    }
    return true;
  }

  /** MySQL's trailing {@code ALGORITHM [=] x} and {@code LOCK [=] y} of DROP INDEX. */
  private int options(int i) {
    while (word(i, "algorithm") || word(i, "lock")) {
      i++;
      if (tokens.isSymbol(i, '=')) {
        i++;
      }
      if (!isName(i)) {
        return -1;
      }
      i++;
    }
    return i;
  }

  /** Reads {@code name [, name]...} into {@code into}; returns the index after the list, or -1. */
  private int nameList(int i, Set<String> into) {
    while (true) {
      i = name(i, into);
      if (i < 0 || !tokens.isSymbol(i, ',')) {
        return i;
      }
      i++;
    }
  }

  /** Reads one (qualified) name at {@code i} into {@code into}; returns the index after it, or -1 if none is there. */
  private int name(int i, Set<String> into) {
    if (!isName(i)) {
      return -1;
    }
    int last = i;
    while (tokens.isSymbol(last + 1, '.') && isName(last + 2)) {
      last += 2;
    }
    into.add(TableNames.of(tokens, i, last, keepSchema));
    return last + 1;
  }

  /** The first index from {@code i} on that is not one of {@code words}. */
  private int skip(int i, String... words) {
    return tokens.skipWords(i, from, to, words);
  }

  private boolean word(int i, String keyword) {
    return i >= from && i < to && tokens.isWord(i, keyword);
  }

  private boolean isName(int i) {
    return i >= from && i < to && tokens.isName(i);
  }
}
