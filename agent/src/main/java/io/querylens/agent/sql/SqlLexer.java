package io.querylens.agent.sql;

/**
 * Where a SQL string literal, quoted identifier, dollar quote or comment that starts at a given index ends: the part
 * of lexing on which every scanner of SQL text must agree, or one of them finds a keyword inside {@code 'from food'}
 * that another skips. What a scanner does with the rest (numbers, words, signs) is its own business and stays with it.
 *
 * <p>The rules follow the SQL standard and PostgreSQL where dialects disagree: {@code ''} escapes a quote; a backslash
 * escapes only where the caller says so ({@code E'...'}), so MySQL's {@code 'it\'s'} ends early; quoted identifiers
 * escape their closing char by doubling it; block comments do not nest. Anything unterminated runs to the end of the
 * input. Each method takes the index just inside the opening delimiter (or of it, where stated) and returns the index
 * just after the closing one, or {@code sql.length()}. Nothing here allocates: these run on the JDBC hot path.
 */
public final class SqlLexer {

  /** Which chars end a {@code --} comment; the callers' rules differ, and each keeps its own. */
  public enum LineCommentEnd {
    /** {@code \n} or {@code \r}, as PostgreSQL's scanner reads it: the fingerprint and the table tokenizer. */
    CR_OR_LF,
    /** {@code \n} only: the DDL check, which has always read a lone {@code \r} as part of the comment. */
    LF_ONLY
  }

  /** ASCII chars that may continue a word: letters, digits, {@code _ $ # @}. A table: this runs per char. */
  private static final boolean[] ASCII_WORD_PART = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      ASCII_WORD_PART[c] = true;
      ASCII_WORD_PART[Character.toUpperCase(c)] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      ASCII_WORD_PART[c] = true;
    }
    ASCII_WORD_PART['_'] = true;
    ASCII_WORD_PART['$'] = true; // PostgreSQL and Oracle allow $ after the first char: v$session
    ASCII_WORD_PART['#'] = true; // SQL Server temporary tables: #t1, ##global
    ASCII_WORD_PART['@'] = true; // SQL Server and MySQL variables: @p1, @@identity
  }

  private SqlLexer() {}

  /** Whether {@code c} may continue a keyword or unquoted name: a letter, a digit, {@code _ $ # @}. */
  public static boolean isWordPart(char c) {
    return (c < 128) ? ASCII_WORD_PART[c] : Character.isLetterOrDigit(c);
  }

  /**
   * Whether a keyword or unquoted name starts at {@code i}: letters and {@code _} start one, {@code #} and {@code @}
   * only when a word char follows (SQL Server's {@code #temp}, {@code @p1}); digits and {@code $} never do.
   */
  public static boolean isWordStart(String sql, int i) {
    if (i < 0 || i >= sql.length()) {
      return false;
    }
    char c = sql.charAt(i);
    if (c >= 128) {
      return Character.isLetter(c);
    }
    if (c == '#' || c == '@') {
      return i + 1 < sql.length() && isWordPart(sql.charAt(i + 1));
    }
    return ASCII_WORD_PART[c] && c != '$' && (c < '0' || c > '9');
  }

  /**
   * Whether a one-letter word {@code c} directly before a quote makes it a string literal: N'..' national, E'..'
   * escape (the caller then passes {@code backslashEscapes}), X'..' hex and B'..' bit strings.
   */
  public static boolean isStringPrefix(char c) {
    switch (c) {
      case 'N': case 'n': case 'E': case 'e': case 'X': case 'x': case 'B': case 'b':
        return true;
      default:
        return false;
    }
  }

  /**
   * The end of a {@code --} comment whose text starts at {@code from}: the index of the char that ends the line, which
   * is left for the caller (it is whitespace), or the end of the input.
   */
  public static int lineCommentEnd(String sql, int from, LineCommentEnd rule) {
    int length = sql.length();
    int i = from;
    if (rule == LineCommentEnd.LF_ONLY) {
      int newline = sql.indexOf('\n', i);
      return (newline < 0) ? length : newline;
    }
    while (i < length && sql.charAt(i) != '\n' && sql.charAt(i) != '\r') {
      i++;
    }
    return i;
  }

  /** The end of a block comment whose text starts at {@code from}, just after its <code>/*</code>. */
  public static int blockCommentEnd(String sql, int from) {
    int close = sql.indexOf("*/", from);
    return (close < 0) ? sql.length() : close + 2;
  }

  /**
   * The end of a string literal whose opening quote is at {@code quote}. {@code ''} is a quote inside it; with
   * {@code backslashEscapes} ({@code E'...'}), so is {@code \'}, and a backslash escapes any char.
   */
  public static int stringEnd(String sql, int quote, boolean backslashEscapes) {
    int length = sql.length();
    int i = quote + 1;
    while (i < length) {
      char c = sql.charAt(i);
      if (c == '\'') {
        if (i + 1 >= length || sql.charAt(i + 1) != '\'') {
          return i + 1;
        }
        i += 2;
      } else if (backslashEscapes) {
        i += (c == '\\') ? 2 : 1;
      } else {
        // No escapes but '' to look for: let the intrinsic find the next quote.
        int next = sql.indexOf('\'', i);
        i = (next < 0) ? length : next;
      }
    }
    return length;
  }

  /**
   * The end of a quoted identifier ({@code "..."}, {@code `...`}, {@code [...]}) whose opening char is at {@code open}
   * and which {@code close} ends, doubled to stand for itself.
   */
  public static int quotedIdentifierEnd(String sql, int open, char close) {
    int i = open + 1;
    while (true) {
      int next = sql.indexOf(close, i);
      if (next < 0) {
        return sql.length();
      }
      if (next + 1 >= sql.length() || sql.charAt(next + 1) != close) {
        return next + 1;
      }
      i = next + 2;
    }
  }

  /**
   * The end of a dollar tag's name from {@code from}: letters, digits and {@code _}, no {@code $}. Where a tag may
   * start is the caller's to decide ({@code $1} is a placeholder).
   */
  public static int dollarTagEnd(String sql, int from) {
    int i = from;
    while (i < sql.length() && isDollarTagPart(sql.charAt(i))) {
      i++;
    }
    return i;
  }

  /**
   * The end of a dollar-quoted literal whose opening delimiter ({@code $$} or {@code $tag$}) is
   * {@code sql[start, bodyStart)}: just after the same delimiter again.
   */
  public static int dollarQuoteEnd(String sql, int start, int bodyStart) {
    int delimiterLength = bodyStart - start;
    for (int i = sql.indexOf('$', bodyStart); i >= 0; i = sql.indexOf('$', i + 1)) {
      if (sql.regionMatches(i, sql, start, delimiterLength)) {
        return i + delimiterLength;
      }
    }
    return sql.length();
  }

  private static boolean isDollarTagPart(char c) {
    return (c < 128)
        ? (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
        : Character.isLetterOrDigit(c);
  }
}
