package io.querylens.agent.invalidation;

import java.util.Locale;
import java.util.Set;

/** Whether a statement is DDL, by its first keyword: only asked of writes made inside a transaction. */
final class DataDefinition {
  private static final Set<String> KEYWORDS =
      Set.of("create", "alter", "drop", "truncate", "rename", "comment", "grant", "revoke");

  /** Words that may come between CREATE and TABLE or INDEX. */
  private static final Set<String> CREATE_MODIFIERS = Set.of("unique", "global", "local", "temporary", "temp",
      "cached", "memory", "unlogged", "clustered", "nonclustered", "bitmap", "hash", "spatial", "fulltext");

  private DataDefinition() {}

  static boolean is(String sql) {
    return KEYWORDS.contains(word(sql, 0));
  }

  /**
   * Whether the statement creates a table or an index and changes nothing else: no cached result can depend on a
   * table that did not exist (dropping one is a write), and an index changes no result. Schema scripts that run
   * {@code create table if not exists} at every start then leave the cache alone. A view's definition does change
   * what reading it returns: {@code CREATE [OR REPLACE] VIEW} is not one of these.
   */
  static boolean createsTableOrIndex(String sql) {
    int i = skipSpaceAndComments(sql, 0);
    if (!"create".equals(word(sql, i))) {
      return false;
    }
    i += "create".length();
    while (true) {
      i = skipSpaceAndComments(sql, i);
      String word = word(sql, i);
      if (word.equals("table") || word.equals("index")) {
        return true;
      }
      if (!CREATE_MODIFIERS.contains(word)) {
        return false;
      }
      i += word.length();
    }
  }

  /** The lower-cased word at the first non-blank, non-comment position from {@code from}, or "". */
  private static String word(String sql, int from) {
    int start = skipSpaceAndComments(sql, from);
    int i = start;
    while (i < sql.length() && Character.isLetter(sql.charAt(i))) {
      i++;
    }
    return sql.substring(start, i).toLowerCase(Locale.ROOT);
  }

  private static int skipSpaceAndComments(String sql, int from) {
    int i = from;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || c == '(') {
        i++;
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? sql.length() : end + 1;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? sql.length() : end + 2;
      } else {
        return i;
      }
    }
    return i;
  }
}
