package io.querylens.agent.jdbc.tables;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The fallback for a statement the parser cannot take (a syntax it lacks, too long, too deep, too slow): names taken
 * from after keywords, over {@link SqlTokens}, so literals and comments never contribute one.
 *
 * <h2>Reads</h2>
 *
 * The names after {@code FROM}, {@code JOIN} and {@code USING} (and after a statement's leading {@code TABLE}), with
 * comma lists ({@code from a x, b y}) followed past aliases. A name followed by {@code (} after {@code FROM} is a
 * table function, not a table; {@code ONLY}, {@code LATERAL}, the parenthesis of a parenthesised join and JDBC's
 * <code>{oj ...}</code> are stepped over; a derived table is skipped (the scan finds the FROM inside it) and the list
 * goes on after its alias. CTE names, found after {@code WITH}, are not tables, except inside the body of the
 * (non-recursive) CTE itself, where the name still means the table: {@code with recipe as (select * from recipe
 * where ...)}. The scan errs towards too many reads, which costs a consumer a needless invalidation, over too few,
 * which would serve stale data: {@code extract(year from d)} reads a "table" {@code d}. Its one known way to miss a
 * read is a CTE named like a table that another subquery of the same statement reads, as the scan has no scopes.
 * {@code SqlCorpusTest.keywordScanIsNeverLessConservative} holds it to this over the whole corpus.
 *
 * <h2>Writes</h2>
 *
 * Targets are the names after {@code INTO}, {@code UPDATE}, {@code DELETE ... FROM}, {@code TRUNCATE [TABLE]},
 * {@code CREATE/ALTER/DROP ... TABLE} or {@code VIEW}, {@code REFRESH MATERIALIZED VIEW} and
 * {@code CREATE INDEX ... ON}. But a statement the parser could not read may write more than the scan can name, so
 * any write keyword ({@code INSERT UPDATE DELETE MERGE UPSERT TRUNCATE REPLACE ALTER DROP CREATE RENAME COPY LOAD
 * REFRESH}, as a word outside literals and comments) makes {@code writesUnknown} true, with one exception: a lone
 * {@code INSERT/UPSERT/REPLACE/MERGE INTO t}, {@code UPDATE t [alias] SET} or {@code DELETE FROM t [alias]} whose
 * keyword starts the statement and is its only write keyword has exactly one target. That exception is what keeps a
 * bulk insert of a thousand literal rows, which skips the parser for its length, from invalidating every table. The
 * other exception is DDL of a shape {@link DdlScan} knows, which names its own targets: much of what schema tools
 * send to H2 and MySQL is DDL the parser lacks.
 *
 * <p>Keywords that do not write are told apart by their neighbours: {@code FOR UPDATE}, {@code FOR NO KEY UPDATE},
 * {@code ON UPDATE/DELETE} (foreign key actions), {@code DO UPDATE} (an upsert's own), {@code THEN UPDATE/INSERT/
 * DELETE} (a merge's own), {@code OR REPLACE}, {@code SHOW CREATE}, a keyword glued to a dot (a name's part) or
 * followed by {@code (} (MySQL's {@code REPLACE()}, {@code INSERT()}, {@code TRUNCATE()} functions), privileges in
 * {@code GRANT/REVOKE}; and {@code REPLACE}, {@code TRUNCATE}, {@code MERGE}, {@code COPY}, {@code LOAD},
 * {@code RENAME} and {@code REFRESH}, which are also function or column names, count only where a statement of theirs
 * starts.
 */
final class KeywordScan {

  private static final String[] ALWAYS_WRITE = {"insert", "update", "delete", "upsert", "create", "alter", "drop"};

  /** Words that follow a table name rather than alias it. */
  private static final String[] NOT_ALIASES = {
    "where", "join", "inner", "left", "right", "full", "outer", "cross", "natural", "straight_join", "on", "using",
    "group", "order", "having", "limit", "offset", "fetch", "for", "union", "intersect", "except", "minus", "window",
    "set", "values", "select", "returning", "when", "then", "into", "lateral", "tablesample", "partition", "qualify",
    "start", "connect", "default", "do", "with", "as", "output", "pivot", "unpivot", "cascade", "restrict", "restart",
    "continue", "key", "by", "asc", "desc", "nulls", "and", "or", "not", "is", "in", "like", "between", "from",
  };

  private final SqlTokens tokens;
  private final int from;
  private final int to;
  private final boolean keepSchema;
  private final Set<String> reads = new LinkedHashSet<>();
  private final Set<String> writes = new LinkedHashSet<>();
  /** CTE name to the token range of its own body, {@code start << 32 | end}, or -1 when it is recursive. */
  private final Map<String, Long> cteNames = new HashMap<>();

  private KeywordScan(SqlTokens tokens, int from, int to, boolean keepSchema) {
    this.tokens = tokens;
    this.from = from;
    this.to = to;
    this.keepSchema = keepSchema;
  }

  /**
   * Scans the statement in tokens {@code [from, to)}.
   *
   * @param cause why the parser was not used, put in parentheses after the reason
   */
  static TableAccess scan(SqlTokens tokens, int from, int to, boolean keepSchema, String cause) {
    KeywordScan scan = new KeywordScan(tokens, from, to, keepSchema);
    return scan.run(cause);
  }

  /** Scans all of {@code sql} as one statement; for tests and callers without tokens. */
  static TableAccess scan(String sql, boolean keepSchema) {
    SqlTokens tokens = SqlTokens.of(sql);
    return scan(tokens, 0, tokens.size(), keepSchema, "keyword scan only");
  }

  private TableAccess run(String cause) {
    findCteNames();
    int writeKeywords = 0;
    boolean indexTargetTaken = false;
    if (word(from, "table")) {
      names(from + 1, reads, false, false); // TABLE t, PostgreSQL's and the standard's SELECT * FROM t
    }
    for (int i = from; i < to; i++) {
      if (tokens.kind(i) != SqlTokens.WORD) {
        continue;
      }
      if (isWriteKeyword(i)) {
        writeKeywords++;
      }
      if (word(i, "from")) {
        if (isDeleteFrom(i)) {
          names(skip(i + 1, "only"), writes, true, true);
        } else if (!word(i - 1, "distinct")) { // IS [NOT] DISTINCT FROM x: x is a value
          names(i + 1, reads, true, false);
        }
      } else if (word(i, "join")) {
        names(i + 1, reads, false, false);
      } else if (word(i, "using")) {
        if (!tokens.isSymbol(i + 1, '(')) { // JOIN ... USING (col) names columns
          names(i + 1, reads, true, false);
        }
      } else if (word(i, "into")) {
        names(skip(i + 1, "table"), writes, false, true);
      } else if (word(i, "update")) {
        if (isWriteKeyword(i)) {
          names(skip(i + 1, "low_priority", "ignore", "only"), writes, true, true);
        }
      } else if (word(i, "table") || word(i, "view")) {
        if (isDdlObject(i)) {
          names(skip(i + 1, "if", "not", "exists", "only"), writes, true, true);
        }
      } else if (word(i, "truncate")) {
        if (i == from && !word(i + 1, "table")) {
          names(skip(i + 1, "only"), writes, true, true);
        }
      } else if (word(i, "on")) {
        if (!indexTargetTaken && word(from, "create") && indexBefore(i)) {
          indexTargetTaken = true;
          names(skip(i + 1, "only"), writes, false, true);
        }
      }
    }
    Set<String> ddlTargets = (writeKeywords > 0) ? DdlScan.targets(tokens, from, to, keepSchema, this::isWriteKeyword)
        : null;
    if (ddlTargets != null) {
      // The shape names every table the statement writes, which the loop above, looking at keywords alone, cannot
      // know: it would take RENAME TABLE a TO b for no target, and the ON of DROP INDEX i ON t for a read.
      writes.clear();
      writes.addAll(ddlTargets);
    }
    boolean writesUnknown = writeKeywords > 0 && ddlTargets == null && !(writeKeywords == 1 && hasClearTarget());
    String reason = (writesUnknown ? TableAccess.UNPARSABLE_WRITE : TableAccess.UNPARSABLE) + " (" + cause + ")";
    return new TableAccess(reads, writes, writesUnknown, reason);
  }

  /**
   * Adds the names starting at token {@code i} to {@code into}: one name, or with {@code list} a comma list of names
   * each with an optional alias. {@code target} names may be followed by a column list; other names followed by
   * {@code (} are functions.
   */
  private void names(int i, Set<String> into, boolean list, boolean target) {
    while (true) {
      i = skip(i, "only", "lateral");
      if (tokens.isSymbol(i, '{') && word(i + 1, "oj")) {
        i += 2;
      }
      if (!target && tokens.isSymbol(i, '(')) {
        if (!word(i + 1, "select") && !word(i + 1, "with") && !word(i + 1, "values") && !word(i + 1, "table")) {
          i++; // a parenthesised join, (recipe r join ingredient i on ...): its first table follows
          continue;
        }
        if (!list) {
          return;
        }
        // A derived table: the main loop finds the FROM inside it; the list may go on after its alias.
        i = afterAlias(afterParens(i));
        if (!tokens.isSymbol(i, ',')) {
          return;
        }
        i++;
        continue;
      }
      if (!isName(i)) {
        return;
      }
      int last = i;
      while (tokens.isSymbol(last + 1, '.') && isName(last + 2)) {
        last += 2;
      }
      if (!target && tokens.isSymbol(last + 1, '(')) {
        return;
      }
      String name = TableNames.of(tokens, i, last, keepSchema);
      if (target || last != i || !isCteReference(name, i)) {
        into.add(name);
      }
      if (!list) {
        return;
      }
      i = afterAlias(last + 1);
      if (!tokens.isSymbol(i, ',')) {
        return;
      }
      i++;
    }
  }

  /**
   * Collects the names of {@code WITH} lists, {@code WITH [RECURSIVE] n [(cols)] AS [[NOT] MATERIALIZED] (...), ...},
   * with the token range of each body.
   */
  private void findCteNames() {
    for (int i = from; i < to; i++) {
      if (!word(i, "with")) {
        continue;
      }
      boolean recursive = word(i + 1, "recursive");
      int j = skip(i + 1, "recursive");
      while (isName(j)) {
        String name = TableNames.part(tokens.text(j));
        j++;
        if (tokens.isSymbol(j, '(')) {
          j = afterParens(j);
        }
        if (!word(j, "as")) {
          break;
        }
        j = skip(j + 1, "not", "materialized");
        if (!tokens.isSymbol(j, '(')) {
          break;
        }
        int bodyEnd = afterParens(j);
        cteNames.put(name, recursive ? -1L : ((long) j << 32) | bodyEnd);
        j = bodyEnd;
        if (!tokens.isSymbol(j, ',')) {
          break;
        }
        j++;
      }
    }
  }

  /**
   * Whether {@code name} at token {@code i} is a CTE rather than a table: it is a CTE's name, and not used inside
   * that CTE's own body, where (unless the list is recursive) the name still means the table, as in
   * {@code with recipe as (select * from recipe where ...) select * from recipe}.
   */
  private boolean isCteReference(String name, int i) {
    Long body = cteNames.get(name);
    if (body == null) {
      return false;
    }
    return body < 0 || i < (int) (body >>> 32) || i >= (int) (long) body;
  }

  /** The index after the {@code )} matching the {@code (} at {@code open}, or {@code to}. */
  private int afterParens(int open) {
    int depth = 0;
    for (int i = open; i < to; i++) {
      if (tokens.isSymbol(i, '(')) {
        depth++;
      } else if (tokens.isSymbol(i, ')') && --depth == 0) {
        return i + 1;
      }
    }
    return to;
  }

  private boolean isWriteKeyword(int i) {
    if (tokens.isSymbol(i - 1, '.') || tokens.isSymbol(i + 1, '.')) {
      return false; // part of a name: t.update
    }
    if (word(from, "grant") || word(from, "revoke")) {
      return false; // GRANT INSERT, UPDATE ON t names privileges
    }
    boolean starts = i == from;
    if (!starts) {
      if (tokens.isSymbol(i + 1, '(')) {
        return false; // REPLACE(s, a, b), INSERT(s, 1, 2, x), TRUNCATE(n, 2)
      }
      if (word(i - 1, "for") || word(i - 1, "key") || word(i - 1, "on") || word(i - 1, "do")
          || word(i - 1, "then") || word(i - 1, "or") || word(i - 1, "show")) {
        return false;
      }
    }
    for (String keyword : ALWAYS_WRITE) {
      if (word(i, keyword)) {
        return true;
      }
    }
    if (word(i, "replace") || word(i, "merge")) {
      return starts || word(i + 1, "into");
    }
    if (word(i, "truncate")) {
      return starts || word(i + 1, "table");
    }
    return starts && (word(i, "rename") || word(i, "copy") || word(i, "load") || word(i, "refresh"));
  }

  /** Whether the FROM at {@code i} is a DELETE's: {@code DELETE [LOW_PRIORITY] [QUICK] [IGNORE] FROM}. */
  private boolean isDeleteFrom(int i) {
    int j = i - 1;
    while (word(j, "low_priority") || word(j, "quick") || word(j, "ignore")) {
      j--;
    }
    return word(j, "delete");
  }

  /**
   * Whether the TABLE or VIEW at {@code i} is the object of {@code CREATE}, {@code ALTER}, {@code DROP} or
   * {@code TRUNCATE}, possibly after modifiers ({@code CREATE OR REPLACE TEMP VIEW}, {@code CREATE CACHED TABLE}).
   */
  private boolean isDdlObject(int i) {
    int j = i - 1;
    while (j >= from && tokens.kind(j) == SqlTokens.WORD && !isDdlVerb(j) && i - j <= 4) {
      j--;
    }
    return j >= from && isDdlVerb(j) && j == from;
  }

  private boolean isDdlVerb(int j) {
    return word(j, "create") || word(j, "alter") || word(j, "drop") || word(j, "truncate") || word(j, "refresh");
  }

  /** Whether {@code INDEX} comes between the statement's start and the ON at {@code i}. */
  private boolean indexBefore(int i) {
    for (int j = from + 1; j < i; j++) {
      if (word(j, "index")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the statement is a single-target DML statement whose target is plain: {@code INSERT/UPSERT/REPLACE/
   * MERGE ... INTO t}, {@code UPDATE t [[AS] a] SET} or {@code DELETE ... FROM t [[AS] a]} not followed by a join or
   * another table.
   */
  private boolean hasClearTarget() {
    int i = from;
    if (word(i, "insert") || word(i, "upsert") || word(i, "replace") || word(i, "merge")) {
      i = skip(i + 1, "low_priority", "delayed", "high_priority", "ignore");
      return word(i, "into") && isName(i + 1);
    }
    if (word(i, "update")) {
      i = afterName(skip(i + 1, "low_priority", "ignore", "only"));
      return i >= 0 && word(afterAlias(i), "set");
    }
    if (word(i, "delete")) {
      i = skip(i + 1, "low_priority", "quick", "ignore");
      if (!word(i, "from")) {
        return false; // DELETE t1, t2 FROM ...: the targets are aliases
      }
      i = afterName(skip(i + 1, "only"));
      if (i < 0) {
        return false;
      }
      i = afterAlias(i);
      return !tokens.isSymbol(i, ',') && !word(i, "join") && !word(i, "inner") && !word(i, "left")
          && !word(i, "right") && !word(i, "full") && !word(i, "cross") && !word(i, "natural")
          && !word(i, "straight_join");
    }
    return false;
  }

  /** The index after a (qualified) name at {@code i}, or -1 when there is none. */
  private int afterName(int i) {
    if (!isName(i)) {
      return -1;
    }
    while (tokens.isSymbol(i + 1, '.') && isName(i + 2)) {
      i += 2;
    }
    return i + 1;
  }

  /** The index after an optional alias at {@code i}, with its column list: {@code [AS] t1_0(rid, c)}. */
  private int afterAlias(int i) {
    if (word(i, "as")) {
      i += 2;
    } else if (isName(i) && !isNotAlias(i)) {
      i++;
    } else {
      return i;
    }
    return tokens.isSymbol(i, '(') ? afterParens(i) : i;
  }

  private boolean isNotAlias(int i) {
    if (tokens.kind(i) != SqlTokens.WORD) {
      return false;
    }
    for (String keyword : NOT_ALIASES) {
      if (tokens.isWord(i, keyword)) {
        return true;
      }
    }
    return false;
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
