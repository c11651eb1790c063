package io.querylens.agent.jdbc.tables;

import io.querylens.agent.sql.SqlLexer;
import io.querylens.agent.sql.SqlLexer.LineCommentEnd;
import java.util.Arrays;

/**
 * SQL text cut into tokens, with string literals, comments and the insides of quoted identifiers out of the way, so
 * that no keyword or name is ever found inside {@code 'from food'}, {@code -- update food} or
 * <code>/* delete from x *&#47;</code>.
 *
 * <p>It serves {@link TableExtractor} twice: before parsing, to split a JDBC string into its statements, to spot
 * stored procedure calls and {@code [bracket]} identifiers and to measure nesting; and as the lexer of
 * {@link KeywordScan}, the fallback for statements the parser cannot take.
 *
 * <p>Where literals, quoted identifiers and comments end is {@link SqlLexer}'s to say, shared with
 * {@link io.querylens.agent.jdbc.SqlFingerprint}, so the two never disagree about it: {@code '...'} with {@code ''}
 * escapes, {@code E'...'} also with backslash escapes, dollar quotes ({@code $$...$$}, {@code $tag$...$tag$}),
 * {@code "..."}, {@code `...`} and {@code [...]} identifiers with doubled-quote escapes ({@code [} is a subscript when
 * glued to an operand or after {@code ARRAY}), {@code --} and non-nesting <code>/* *&#47;</code> comments. A backslash
 * does not escape a quote in a plain literal (MySQL's {@code 'it\'s'} ends early), and an unterminated literal,
 * comment or quoted identifier runs to the end.
 * Numbers are literals; {@code ?}, {@code $1} are parameters; every other char is a symbol of its own. The positions
 * kept are those of the input, so a token's text is a substring of it.
 */
final class SqlTokens {

  /** A keyword or unquoted identifier: {@code select}, {@code recipe}, {@code r1_0}, {@code #temp}. */
  static final byte WORD = 0;
  /** A quoted identifier, quotes included: {@code "Recipe"}, {@code `recipe`}, {@code [Recipe]}. */
  static final byte QUOTED = 1;
  /** A string, number or dollar-quoted literal. */
  static final byte LITERAL = 2;
  /** A placeholder: {@code ?}, {@code ?1}, {@code $1}. */
  static final byte PARAM = 3;
  /** Any other char: {@code ( ) , . ; = *} ... */
  static final byte SYMBOL = 4;

  final String sql;
  private byte[] kinds = new byte[32];
  private int[] starts = new int[32];
  private int[] ends = new int[32];
  private int size;

  /** Whether a {@code [...]} was read as an identifier, which the parser must be told to expect. */
  private boolean bracketIdentifiers;
  /** The deepest nesting of parentheses. */
  private int maxDepth;

  private SqlTokens(String sql) {
    this.sql = sql;
  }

  /** Cuts {@code sql} into tokens; never throws. */
  static SqlTokens of(String sql) {
    SqlTokens tokens = new SqlTokens(sql);
    tokens.scan();
    return tokens;
  }

  int size() {
    return size;
  }

  byte kind(int i) {
    return kinds[i];
  }

  int start(int i) {
    return starts[i];
  }

  int end(int i) {
    return ends[i];
  }

  String text(int i) {
    return sql.substring(starts[i], ends[i]);
  }

  boolean bracketIdentifiers() {
    return bracketIdentifiers;
  }

  int maxDepth() {
    return maxDepth;
  }

  /** Whether token {@code i} exists and is the word {@code keyword}, in any case ({@code keyword} in lower case). */
  boolean isWord(int i, String keyword) {
    return i >= 0 && i < size && kinds[i] == WORD && ends[i] - starts[i] == keyword.length()
        && sql.regionMatches(true, starts[i], keyword, 0, keyword.length());
  }

  /** Whether token {@code i} exists and is the symbol {@code c}. */
  boolean isSymbol(int i, char c) {
    return i >= 0 && i < size && kinds[i] == SYMBOL && sql.charAt(starts[i]) == c;
  }

  /** Whether token {@code i} exists and can be (part of) a name: a word or a quoted identifier. */
  boolean isName(int i) {
    return i >= 0 && i < size && (kinds[i] == WORD || kinds[i] == QUOTED);
  }

  /**
   * The statements in the tokens: ranges {@code [from, to)} between semicolons, empty ones left out, each as
   * {@code from << 32 | to}.
   */
  long[] statements() {
    long[] ranges = new long[4];
    int count = 0;
    int from = 0;
    for (int i = 0; i <= size; i++) {
      if (i == size || isSymbol(i, ';')) {
        if (i > from) {
          if (count == ranges.length) {
            ranges = Arrays.copyOf(ranges, count * 2);
          }
          ranges[count++] = ((long) from << 32) | i;
        }
        from = i + 1;
      }
    }
    return Arrays.copyOf(ranges, count);
  }

  // ---------------------------------------------------------------------------------------------
  // The scanner: each method takes the index of a token's first char and returns the index after it.

  private void scan() {
    int length = sql.length();
    int depth = 0;
    int i = 0;
    while (i < length) {
      char c = sql.charAt(i);
      if (c <= ' ') {
        i++;
        continue;
      }
      switch (c) {
        case '-':
          if (charAt(i + 1) == '-') {
            i = SqlLexer.lineCommentEnd(sql, i + 2, LineCommentEnd.CR_OR_LF);
            continue;
          }
          break;
        case '/':
          if (charAt(i + 1) == '*') {
            i = SqlLexer.blockCommentEnd(sql, i + 2);
            continue;
          }
          break;
        case '\'':
          i = add(LITERAL, i, SqlLexer.stringEnd(sql, i, false));
          continue;
        case '"':
        case '`':
          i = add(QUOTED, i, SqlLexer.quotedIdentifierEnd(sql, i, c));
          continue;
        case '[':
          if (!isSubscript(i)) {
            bracketIdentifiers = true;
            i = add(QUOTED, i, SqlLexer.quotedIdentifierEnd(sql, i, ']'));
            continue;
          }
          break;
        case '$':
          i = dollar(i);
          continue;
        case '?':
          i = add(PARAM, i, digitsEnd(i + 1));
          continue;
        case '(':
          maxDepth = Math.max(maxDepth, ++depth);
          break;
        case ')':
          depth = Math.max(0, depth - 1);
          break;
        default:
          if (isDigit(c) || (c == '.' && isDigit(charAt(i + 1)) && !gluedToOperand(i))) {
            i = add(LITERAL, i, numberEnd(i));
            continue;
          }
          if (SqlLexer.isWordStart(sql, i)) {
            int end = wordEnd(i + 1);
            if (end == i + 1 && charAt(end) == '\'' && SqlLexer.isStringPrefix(c)) {
              i = add(LITERAL, i, SqlLexer.stringEnd(sql, end, c == 'e' || c == 'E'));
            } else {
              i = add(WORD, i, end);
            }
            continue;
          }
      }
      i = add(SYMBOL, i, i + 1);
    }
  }

  private int add(byte kind, int start, int end) {
    if (size == kinds.length) {
      kinds = Arrays.copyOf(kinds, size * 2);
      starts = Arrays.copyOf(starts, size * 2);
      ends = Arrays.copyOf(ends, size * 2);
    }
    kinds[size] = kind;
    starts[size] = start;
    ends[size] = end;
    size++;
    return end;
  }

  private char charAt(int i) {
    return (i >= 0 && i < sql.length()) ? sql.charAt(i) : '\0';
  }

  /** A dollar quote, a {@code $1} placeholder, or a lone {@code $}. */
  private int dollar(int i) {
    char next = charAt(i + 1);
    if (isDigit(next)) {
      return add(PARAM, i, digitsEnd(i + 1));
    }
    // Unlike the fingerprint, any tag char may start a tag here, a non-ASCII digit too; kept as it was.
    int tagEnd = SqlLexer.dollarTagEnd(sql, i + 1);
    if (charAt(tagEnd) == '$') {
      return add(LITERAL, i, SqlLexer.dollarQuoteEnd(sql, i, tagEnd + 1));
    }
    return add(SYMBOL, i, i + 1);
  }

  /** Whether a {@code [} at {@code i} subscripts an array ({@code a[1]}, {@code ARRAY[1]}) rather than quoting. */
  private boolean isSubscript(int i) {
    if (gluedToOperand(i)) {
      return true;
    }
    return size > 0 && isWord(size - 1, "array");
  }

  /** Whether the char at {@code i} directly follows a name, literal, {@code )} or {@code ]}, with no space between. */
  private boolean gluedToOperand(int i) {
    if (size == 0 || ends[size - 1] != i) {
      return false;
    }
    byte kind = kinds[size - 1];
    if (kind != SYMBOL) {
      return true;
    }
    char previous = sql.charAt(starts[size - 1]);
    return previous == ')' || previous == ']';
  }

  private int digitsEnd(int i) {
    while (i < sql.length() && isDigit(sql.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The end of a number: digits, a fraction, an exponent, and any word chars glued on ({@code 1abc}, {@code 0x1F}). */
  private int numberEnd(int i) {
    int end = digitsEnd(i);
    if (charAt(end) == '.') {
      end = digitsEnd(end + 1);
    }
    char e = charAt(end);
    if ((e == 'e' || e == 'E') && (isDigit(charAt(end + 1))
        || ((charAt(end + 1) == '+' || charAt(end + 1) == '-') && isDigit(charAt(end + 2))))) {
      end = digitsEnd(end + 2);
    }
    return wordEnd(end);
  }

  private int wordEnd(int i) {
    while (i < sql.length() && SqlLexer.isWordPart(sql.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /**
   * The first index from {@code i} on, within {@code [from, to)}, that is not one of {@code words}: the optional words
   * of a statement's grammar ({@code TABLE}, {@code IF EXISTS}, {@code ONLY}) in any order and number.
   */
  int skipWords(int i, int from, int to, String... words) {
    boolean skipped = true;
    while (skipped) {
      skipped = false;
      for (String word : words) {
        if (i >= from && i < to && isWord(i, word)) {
          i++;
          skipped = true;
        }
      }
    }
    return i;
  }
}
