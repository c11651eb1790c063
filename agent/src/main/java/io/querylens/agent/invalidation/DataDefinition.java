package io.querylens.agent.invalidation;

import io.querylens.agent.sql.SqlLexer;
import io.querylens.agent.sql.SqlLexer.LineCommentEnd;
import java.util.Locale;
import java.util.Set;

/** Whether a statement is DDL, by its first keyword, for the transaction it commits on H2, MySQL and Oracle. */
final class DataDefinition {
  private static final Set<String> KEYWORDS =
      Set.of("create", "alter", "drop", "truncate", "rename", "comment", "grant", "revoke");

  /** Words that may come between CREATE and TABLE or INDEX. */
  private static final Set<String> CREATE_MODIFIERS = Set.of("unique", "global", "local", "temporary", "temp",
      "cached", "memory", "unlogged", "clustered", "nonclustered", "bitmap", "hash", "spatial", "fulltext");

  private DataDefinition() {}

  /** Asked of every statement a tracked JVM runs, reads too: compares in place rather than cut out a word. */
  static boolean is(String sql) {
    int start = skipSpaceAndComments(sql, 0);
    for (String keyword : KEYWORDS) {
      int end = start + keyword.length();
      if (sql.regionMatches(true, start, keyword, 0, keyword.length())
          && (end == sql.length() || !Character.isLetter(sql.charAt(end)))) {
        return true;
      }
    }
    return false;
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
        i = SqlLexer.lineCommentEnd(sql, i + 2, LineCommentEnd.LF_ONLY);
      } else if (sql.startsWith("/*", i)) {
        i = SqlLexer.blockCommentEnd(sql, i + 2);
      } else {
        return i;
      }
    }
    return i;
  }
}
