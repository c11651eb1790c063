package io.querylens.agent.invalidation;

import java.util.Locale;
import java.util.Set;

/** Whether a statement is DDL, by its first keyword: only asked of writes made inside a transaction. */
final class DataDefinition {
  private static final Set<String> KEYWORDS =
      Set.of("create", "alter", "drop", "truncate", "rename", "comment", "grant", "revoke");

  private DataDefinition() {}

  static boolean is(String sql) {
    int i = skipSpaceAndComments(sql, 0);
    int start = i;
    while (i < sql.length() && Character.isLetter(sql.charAt(i))) {
      i++;
    }
    return i > start && KEYWORDS.contains(sql.substring(start, i).toLowerCase(Locale.ROOT));
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
