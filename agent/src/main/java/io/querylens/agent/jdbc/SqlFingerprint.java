package io.querylens.agent.jdbc;

import io.querylens.agent.sql.SqlLexer;
import io.querylens.agent.sql.SqlLexer.LineCommentEnd;

/**
 * Turns SQL text into its fingerprint: the statement with every literal masked as {@code ?}, so
 * that all executions of one statement shape count as one entry in a request's report.
 *
 * <h2>Design</h2>
 *
 * This runs on every JDBC execute whose text misses the agent's cache, so it is a hand-written
 * scanner rather than a parser or a set of regular expressions: one pass over the chars of the
 * input, appending to one {@link StringBuilder} sized to the input (the output is never longer:
 * each char of it stands for at least one input char), with no allocation per char or per token.
 * Tokens are told apart by their first char; where a literal, quoted identifier or comment ends
 * is {@link SqlLexer}'s to say, shared with the table extractor's tokenizer so that the two agree.
 * Only three rules need context, and each keeps a few
 * fields rather than a token list:
 *
 * <ul>
 *   <li><b>Signs.</b> In {@code x = -1} the minus belongs to the literal, in {@code a -1} it is
 *       subtraction. The previous token decides: after nothing, an operator, {@code (}, {@code ,}
 *       or a keyword such as {@code select} or {@code and}, a sign is part of the number; after a
 *       name, a literal, a placeholder or {@code )} it is an operator.
 *   <li><b>IN lists.</b> After {@code in (} the scanner remembers where the first element starts
 *       and ends in the output, and compares each later element with it as it completes. If all
 *       are the same after masking, the closing paren cuts the output back to {@code in (first)}:
 *       {@code in (1, 2, 3)} and {@code in ('a', ?)} become {@code in (?)}, and the tuples of
 *       {@code in ((1, 2), (3, 4))} become {@code in ((?, ?))}. A subquery {@code in (select ...)}
 *       is left alone: it is one element, or several that differ, never a list of equal ones.
 *   <li><b>Multi-row VALUES.</b> Likewise each row after {@code values} is compared with the
 *       first. Bulk inserts of 3 and of 300 rows must be one fingerprint, or every batch size
 *       becomes a "statement" of its own in the report; so when all rows are the same after
 *       masking, the list collapses to its first row. A VALUES list has no closing paren, so the
 *       collapse waits for the token that ends it: a keyword, {@code )}, {@code ;} or the end.
 * </ul>
 *
 * Only one IN list and one VALUES list are tracked at a time: a nested one takes over, and the
 * outer one is then not collapsed. Such nesting is too rare to pay for a stack, and not
 * collapsing is always safe.
 *
 * <h2>Normal form</h2>
 *
 * <ul>
 *   <li>Literals become {@code ?}: {@code '...'} (with {@code ''} escapes), {@code E'...'} (also
 *       with backslash escapes), {@code N'...'}, {@code X'...'}, {@code B'...'}, dollar quotes
 *       ({@code $$...$$}, {@code $tag$...$tag$}), numbers ({@code 42}, {@code -1}, {@code 1.5},
 *       {@code .5}, {@code 1e-5}) and hex numbers ({@code 0x1F}). Digits inside a word
 *       ({@code t1}, {@code r1_0}, {@code 1abc}) are not literals, and placeholders stay as they
 *       are: {@code ?}, {@code ?1}, {@code :name}, {@code :1}, {@code $1}.
 *   <li>{@code TRUE}, {@code FALSE} and {@code NULL} are kept: code spells them into the SQL
 *       rather than binding them per request, and {@code is null} versus {@code = ?} is a
 *       difference in statement worth seeing.
 *   <li>Comments, <code>-- ...</code> to the end of the line and <code>/* ... *&#47;</code>
 *       (hints <code>/*+ ... *&#47;</code> too), are removed; they count as whitespace.
 *   <li>Quoted identifiers ({@code "Foo Bar"}, {@code `foo`}, {@code [foo]}) are copied verbatim
 *       and their insides are not scanned.
 *   <li>Whitespace: each run of whitespace and comments becomes one space, and none is kept at
 *       the start or end, after {@code (}, or before {@code )} and {@code ,}. No space is ever
 *       added, so {@code a,b} and {@code a, b} stay as written; so does letter case.
 *   <li>Trailing semicolons are removed.
 *   <li>An unterminated literal or comment runs to the end (the literal is still masked), and an
 *       unterminated quoted identifier is copied to the end. Nothing here throws.
 * </ul>
 *
 * The result is a fixed point, {@code of(of(sql)).equals(of(sql))}, cut results included.
 *
 * <h2>Long statements</h2>
 *
 * A fingerprint longer than {@code maxLength} is cut, and {@code "… #"} and eight hex digits of a
 * hash of the whole normalised text are appended, so that the result is at most {@code maxLength}
 * chars. The hash keeps apart long statements that differ only after the cut. The cut backs out
 * of a (qualified) name rather than split it, and never splits a surrogate pair; that keeps cut
 * results fixed points too, as does reading {@code #1a2b3c4d} as a word (SQL Server's temporary
 * tables are named {@code #t1}).
 *
 * <h2>Dialect trade-offs</h2>
 *
 * One scanner serves every database, so where dialects disagree it follows the SQL standard and
 * PostgreSQL: a backslash is an ordinary char in a plain {@code '...'} (so MySQL's
 * {@code 'it\'s'} ends early); {@code "..."} is an identifier (MySQL without ANSI_QUOTES reads a
 * string, which then stays unmasked); block comments do not nest; {@code #} does not start a
 * comment; and {@code [} is a subscript when glued to a name or operand ({@code arr[1]},
 * {@code (f(x))[1]}) or after {@code ARRAY}, else it opens an identifier. A misread statement
 * still gets a stable fingerprint, only a less masked one.
 *
 * <p>Prior art: PostgreSQL's {@code pg_stat_statements} normalisation, Percona's
 * {@code pt-fingerprint}, and OpenTelemetry's JFlex-generated {@code AutoSqlSanitizer}; unlike the
 * last, this collapses lists, drops comments and keeps case.
 */
public final class SqlFingerprint {

  /** Default cap on the fingerprint's length. */
  public static final int DEFAULT_MAX_LENGTH = 2048;

  /** Put between a cut fingerprint and the hash of its full text. */
  static final String CUT_MARKER = "\u2026 #";

  private static final int HASH_DIGITS = 8;

  /** The smallest cap honoured: room for the cut marker, the hash and one more char. */
  static final int MIN_MAX_LENGTH = CUT_MARKER.length() + HASH_DIGITS + 1;

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  // The kind of the last token emitted, which decides whether a following sign starts a number.
  /** Nothing yet, or an operator, {@code (} or {@code ,}: a sign here is unary. */
  private static final int AFTER_OPERATOR = 0;
  /** A name or keyword: a sign is unary only after some keywords ({@link #isUnaryKeyword}). */
  private static final int AFTER_WORD = 1;
  /** A literal, placeholder, quoted identifier, {@code )} or {@code ]}: a sign here is binary. */
  private static final int AFTER_OPERAND = 2;

  // Where the scanner is in a VALUES list.
  private static final int NO_VALUES = 0;
  private static final int EXPECT_ROW = 1;
  private static final int IN_ROW = 2;
  private static final int ROW_CLOSED = 3;
  private static final int AFTER_ROW_COMMA = 4;

  private final String sql;
  private final int length;
  private final StringBuilder out;

  /** Whitespace or a comment was skipped since the last token; decided on at the next token. */
  private boolean pendingSpace;
  private int previousKind = AFTER_OPERATOR;
  /** The input range of the last word, read only when a keyword matters. */
  private int wordStart;
  private int wordEnd;
  /** Open parens in the output so far. */
  private int depth;
  /** Output before this index may end inside a quoted identifier, so no ';' is stripped from it. */
  private int protectedEnd;

  // The IN list being tracked: output positions of its first and current element.
  /** The depth inside the tracked IN list's parens, or -1 when no list is tracked. */
  private int listDepth = -1;
  private int listElements;
  private int firstElementStart;
  private int firstElementEnd;
  private int elementStart;
  /** The next token starts an element, so its output position is the element's start. */
  private boolean awaitingElement;

  // The VALUES list being tracked: output positions of its first and current row.
  private int valuesState = NO_VALUES;
  private int rowDepth;
  private int rows;
  private int firstRowStart;
  private int firstRowEnd;
  private int rowStart;
  private int lastRowEnd;

  private SqlFingerprint(String sql) {
    this.sql = sql;
    this.length = sql.length();
    this.out = new StringBuilder(length);
  }

  /**
   * Returns the fingerprint of {@code sql}, at most {@link #DEFAULT_MAX_LENGTH} chars long.
   *
   * @param sql the statement as passed to JDBC, or null
   * @return the fingerprint; {@code ""} for null; never throws
   */
  public static String of(String sql) {
    return of(sql, DEFAULT_MAX_LENGTH);
  }

  /**
   * Returns the fingerprint of {@code sql}, at most {@code maxLength} chars long (see the class
   * comment for the rules). Returns {@code sql} itself when it is already a fingerprint.
   *
   * @param sql the statement as passed to JDBC, or null
   * @param maxLength the cap on the result's length, including the cut marker and hash; values
   *     below {@link #MIN_MAX_LENGTH} are raised to it
   * @return the fingerprint; {@code ""} for null; never throws
   */
  public static String of(String sql, int maxLength) {
    if (sql == null || sql.isEmpty()) {
      return "";
    }
    SqlFingerprint scanner = new SqlFingerprint(sql);
    scanner.scan();
    return scanner.result(Math.max(maxLength, MIN_MAX_LENGTH));
  }

  private String result(int maxLength) {
    if (out.length() > maxLength) {
      return cut(maxLength);
    }
    // The common case, ORM-generated SQL with bound parameters: nothing to mask, nothing to copy.
    return sql.contentEquals(out) ? sql : out.toString();
  }

  private String cut(int maxLength) {
    int hash = hash(out);
    int cut = maxLength - CUT_MARKER.length() - HASH_DIGITS;
    // Back up to the start of a (qualified) name rather than split it: the head of "1abc" or of
    // "1.5x" would rescan as a number and break of(of(x)) == of(x). Names are short, except in
    // input that no cap makes readable anyway.
    if (isNamePart(out.charAt(cut - 1)) && isNamePart(out.charAt(cut))) {
      cut--;
      while (cut > 0 && isNamePart(out.charAt(cut - 1))) {
        cut--;
      }
    }
    if (cut > 0 && Character.isHighSurrogate(out.charAt(cut - 1))) {
      cut--;
    }
    out.setLength(cut);
    out.append(CUT_MARKER);
    for (int shift = 28; shift >= 0; shift -= 4) {
      out.append(HEX[(hash >>> shift) & 0xF]);
    }
    return out.toString();
  }

  /** FNV-1a over the chars, then MurmurHash3's finaliser so every input bit reaches every digit. */
  private static int hash(CharSequence text) {
    int h = 0x811C9DC5;
    for (int i = 0, n = text.length(); i < n; i++) {
      h = (h ^ text.charAt(i)) * 0x01000193;
    }
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    return h ^ (h >>> 16);
  }

  // ---------------------------------------------------------------------------------------------
  // The scanner. Each token method takes the index of the token's first char, emits the token and
  // returns the index after it.

  private void scan() {
    int i = 0;
    while (i < length) {
      char c = sql.charAt(i);
      if (c <= ' ') {
        pendingSpace = true;
        i++;
      } else {
        i = token(i, c);
      }
    }
    if (valuesState == ROW_CLOSED) {
      endValues(true);
    }
    stripTrailingSemicolons();
  }

  private int token(int i, char c) {
    switch (c) {
      case '-':
        return (charAt(i + 1) == '-') ? skipLineComment(i + 2) : signOrOperator(i, c);
      case '+':
        return signOrOperator(i, c);
      case '/':
        return (charAt(i + 1) == '*') ? skipBlockComment(i + 2) : operator(i, c);
      case '\'':
        return string(i, false);
      case '"':
      case '`':
        return quotedIdentifier(i, c);
      case '[':
        return isSubscript() ? operator(i, c) : quotedIdentifier(i, ']');
      case '$':
        return dollar(i);
      case '?':
        return placeholder(i, i + 1);
      case ':':
        // Oracle's positional :1 is a placeholder, in "::1" the 1 is a number, :name is ':' + word.
        return (isDigit(charAt(i + 1)) && charAt(i - 1) != ':')
            ? placeholder(i, i + 1)
            : operator(i, c);
      case '.':
        return (isDigit(charAt(i + 1)) && !followsOperand()) ? number(i, i) : operator(i, c);
      case '(':
        return openParen(i);
      case ')':
        return closeParen(i);
      case ',':
        return comma(i);
      default:
        if (isDigit(c)) {
          return number(i, i);
        }
        if (SqlLexer.isWordStart(sql, i)) {
          return word(i);
        }
        return operator(i, c);
    }
  }

  private int skipLineComment(int i) {
    pendingSpace = true;
    return SqlLexer.lineCommentEnd(sql, i, LineCommentEnd.CR_OR_LF);
  }

  private int skipBlockComment(int i) {
    pendingSpace = true;
    return SqlLexer.blockCommentEnd(sql, i);
  }

  /** A string literal whose opening quote is at {@code quote}; unterminated, it runs to the end. */
  private int string(int quote, boolean backslashEscapes) {
    return literal(SqlLexer.stringEnd(sql, quote, backslashEscapes));
  }

  /** A quoted identifier from {@code open} to the matching {@code close}, which doubled escapes. */
  private int quotedIdentifier(int open, char close) {
    int end = SqlLexer.quotedIdentifierEnd(sql, open, close);
    beginToken(sql.charAt(open));
    out.append(sql, open, end);
    protectedEnd = out.length();
    previousKind = AFTER_OPERAND;
    return end;
  }

  /**
   * Whether a {@code [} is an array subscript ({@code arr[1]}, {@code ARRAY[1, 2]}, {@code int[]})
   * rather than the start of a SQL Server identifier ({@code [Order Details]}).
   */
  private boolean isSubscript() {
    return followsOperand() || (previousKind == AFTER_WORD && lastWordIs("array"));
  }

  /** A dollar quote, a positional {@code $1}, or a lone {@code $}. */
  private int dollar(int i) {
    char next = charAt(i + 1);
    if (next == '$') {
      return dollarQuote(i, i + 2);
    }
    if (isDigit(next)) {
      return placeholder(i, i + 1);
    }
    // A tag starts like a word, not with a digit ($1 is a placeholder) nor with # or @.
    if (SqlLexer.isWordStart(sql, i + 1) && next != '#' && next != '@') {
      int tagEnd = SqlLexer.dollarTagEnd(sql, i + 2);
      if (charAt(tagEnd) == '$') {
        return dollarQuote(i, tagEnd + 1);
      }
    }
    return operator(i, '$');
  }

  /** A dollar quote: after the delimiter {@code sql[start, bodyStart)}, up to the same again. */
  private int dollarQuote(int start, int bodyStart) {
    return literal(SqlLexer.dollarQuoteEnd(sql, start, bodyStart));
  }

  /**
   * A placeholder kept as written: the char at {@code i} and any digits from {@code digits} on.
   * Digits that {@link #number} would read as a word belong to that word instead: {@code '0'1abc}
   * becomes {@code ?1abc}, whose rescan must not find a placeholder {@code ?1}.
   */
  private int placeholder(int i, int digits) {
    int end = skipDigits(digits);
    if (end > digits && SqlLexer.isWordPart(charAt(numberEnd(digits)))) {
      end = digits;
    }
    beginToken(sql.charAt(i));
    out.append(sql, i, end);
    previousKind = AFTER_OPERAND;
    return end;
  }

  private int signOrOperator(int i, char sign) {
    char next = charAt(i + 1);
    boolean digitFollows = isDigit(next) || (next == '.' && isDigit(charAt(i + 2)));
    boolean unary = previousKind == AFTER_OPERATOR
        || (previousKind == AFTER_WORD && isUnaryKeyword());
    return (digitFollows && unary) ? number(i, i + 1) : operator(i, sign);
  }

  /**
   * A number whose token starts at {@code start} (its sign or first digit) and whose digits start
   * at {@code i}. If word chars follow, as in MySQL's {@code 1abc}, it is a word and not masked:
   * all of it, {@code 1.5e3x} included, so that no tail of it can rescan as a number. A sign or a
   * leading {@code .} then stays an operator of its own.
   */
  private int number(int start, int i) {
    int end = numberEnd(i);
    if (end < length && SqlLexer.isWordPart(sql.charAt(end))) {
      return (start < i || sql.charAt(start) == '.')
          ? operator(start, sql.charAt(start))
          : word(start, end);
    }
    return literal(end);
  }

  private int numberEnd(int i) {
    char x = charAt(i + 1);
    if (sql.charAt(i) == '0' && (x == 'x' || x == 'X') && isHexDigit(charAt(i + 2))) {
      int end = i + 2;
      while (end < length && isHexDigit(sql.charAt(end))) {
        end++;
      }
      return end;
    }
    int end = skipDigits(i);
    if (charAt(end) == '.') {
      end = skipDigits(end + 1);
    }
    char e = charAt(end);
    if (e == 'e' || e == 'E') {
      int exponent = end + 1;
      char sign = charAt(exponent);
      if (sign == '+' || sign == '-') {
        exponent++;
      }
      if (isDigit(charAt(exponent))) {
        end = skipDigits(exponent);
      }
    }
    return end;
  }

  private int literal(int end) {
    beginToken('?');
    out.append('?');
    previousKind = AFTER_OPERAND;
    return end;
  }

  private int word(int i) {
    return word(i, i + 1);
  }

  /** A word from {@code i}, whose chars up to {@code end} are known to belong to it. */
  private int word(int i, int end) {
    while (end < length && SqlLexer.isWordPart(sql.charAt(end))) {
      end++;
    }
    char first = sql.charAt(i);
    if (end == i + 1 && charAt(end) == '\'' && SqlLexer.isStringPrefix(first)) {
      return string(end, first == 'e' || first == 'E');
    }
    beginToken(first);
    out.append(sql, i, end);
    previousKind = AFTER_WORD;
    wordStart = i;
    wordEnd = end;
    if (lastWordIs("values")) {
      // A new list replaces any tracked one: an outer list then simply is not collapsed.
      valuesState = EXPECT_ROW;
      rows = 0;
    }
    return end;
  }

  private int operator(int i, char c) {
    beginToken(c);
    out.append(c);
    previousKind = (c == ']') ? AFTER_OPERAND : AFTER_OPERATOR;
    return i + 1;
  }

  private int openParen(int i) {
    boolean startsList = previousKind == AFTER_WORD && lastWordIs("in");
    beginToken('(');
    out.append('(');
    depth++;
    if (startsList) {
      // A nested list replaces any tracked one: the outer list then simply is not collapsed.
      listDepth = depth;
      listElements = 0;
      firstElementStart = firstElementEnd = elementStart = out.length();
      awaitingElement = true;
    }
    previousKind = AFTER_OPERATOR;
    return i + 1;
  }

  private int closeParen(int i) {
    beginToken(')');
    if (depth == listDepth) {
      endElement(true);
    }
    out.append(')');
    if (valuesState == IN_ROW && depth == rowDepth) {
      endRow();
    }
    if (depth > 0) {
      depth--;
    }
    previousKind = AFTER_OPERAND;
    return i + 1;
  }

  private int comma(int i) {
    beginToken(',');
    if (depth == listDepth) {
      endElement(false);
    }
    out.append(',');
    previousKind = AFTER_OPERATOR;
    return i + 1;
  }

  /**
   * Called before any token is appended, with its first char: writes the pending space if the
   * normal form keeps one there, and records where list elements and VALUES rows start.
   */
  private void beginToken(char first) {
    boolean rowStarts = false;
    if (valuesState != NO_VALUES && valuesState != IN_ROW) {
      if (valuesState == ROW_CLOSED && first == ',') {
        valuesState = AFTER_ROW_COMMA;
      } else if (valuesState != ROW_CLOSED && first == '(') {
        rowStarts = true;
      } else {
        // Only a token that can follow a complete VALUES list ends it with a collapse; anything
        // else, such as the cut marker's '…', means we cannot tell, so the rows stay.
        endValues(first == ')' || first == ';' || Character.isLetter(first));
      }
    }
    if (pendingSpace) {
      pendingSpace = false;
      int n = out.length();
      if (n > 0 && out.charAt(n - 1) != '(' && first != ')' && first != ',') {
        out.append(' ');
      }
    }
    if (rowStarts) {
      valuesState = IN_ROW;
      rowStart = out.length();
      rowDepth = depth + 1;
    }
    if (awaitingElement) {
      elementStart = out.length();
      awaitingElement = false;
    }
  }

  /** Ends an element of the tracked IN list at the current output position. */
  private void endElement(boolean lastElement) {
    int end = out.length();
    if (awaitingElement) { // an empty element: "in ()" or "in (?,)"
      elementStart = end;
      awaitingElement = false;
    }
    listElements++;
    if (listElements == 1) {
      firstElementStart = elementStart;
      firstElementEnd = end;
    } else if (!outputRegionsEqual(firstElementStart, firstElementEnd, elementStart, end)) {
      listDepth = -1; // elements differ: this list keeps them all
      return;
    }
    if (!lastElement) {
      awaitingElement = true;
      return;
    }
    listDepth = -1;
    if (listElements > 1) {
      truncateOutput(firstElementEnd);
    }
  }

  /** Ends a row of the tracked VALUES list; its closing paren has just been appended. */
  private void endRow() {
    int end = out.length();
    rows++;
    if (rows == 1) {
      firstRowStart = rowStart;
      firstRowEnd = end;
    } else if (!outputRegionsEqual(firstRowStart, firstRowEnd, rowStart, end)) {
      valuesState = NO_VALUES; // rows differ: this list keeps them all
      return;
    }
    lastRowEnd = end;
    valuesState = ROW_CLOSED;
  }

  private void endValues(boolean collapse) {
    boolean collapsible = collapse && valuesState == ROW_CLOSED && rows > 1;
    valuesState = NO_VALUES;
    if (!collapsible) {
      return;
    }
    int removed = lastRowEnd - firstRowEnd;
    out.delete(firstRowEnd, lastRowEnd);
    if (protectedEnd > firstRowEnd) {
      protectedEnd = Math.max(firstRowEnd, protectedEnd - removed);
    }
    // Only reachable with a VALUES list inside an IN list, "in (values (1), (1))"; the IN list's
    // positions may have moved, so stop tracking it rather than compare the wrong text.
    if (listDepth != -1 && Math.max(firstElementEnd, elementStart) > firstRowEnd) {
      listDepth = -1;
    }
  }

  /** Cuts the output back after collapsing an IN list, dropping any state that pointed past it. */
  private void truncateOutput(int newLength) {
    out.setLength(newLength);
    protectedEnd = Math.min(protectedEnd, newLength);
    int valuesEnd = Math.max(firstRowEnd, Math.max(rowStart, lastRowEnd));
    if (valuesState != NO_VALUES && valuesEnd > newLength) {
      valuesState = NO_VALUES;
    }
  }

  private boolean outputRegionsEqual(int aStart, int aEnd, int bStart, int bEnd) {
    int n = aEnd - aStart;
    if (n != bEnd - bStart || aStart < 0 || bStart < 0 || Math.max(aEnd, bEnd) > out.length()) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      if (out.charAt(aStart + k) != out.charAt(bStart + k)) {
        return false;
      }
    }
    return true;
  }

  private void stripTrailingSemicolons() {
    int n = out.length();
    while (n > protectedEnd && (out.charAt(n - 1) == ';' || out.charAt(n - 1) == ' ')) {
      n--;
    }
    out.setLength(n);
  }

  // ---------------------------------------------------------------------------------------------
  // Char classes and look-ups. charAt(i) reads past either end as '\0' so callers need no checks.

  private char charAt(int i) {
    return (i >= 0 && i < length) ? sql.charAt(i) : '\0';
  }

  private int skipDigits(int i) {
    while (i < length && isDigit(sql.charAt(i))) {
      i++;
    }
    return i;
  }

  /**
   * Whether the next token is glued to a name or operand, so that a {@code .} or {@code [}
   * qualifies or subscripts it rather than starting a number or an identifier. This looks at the
   * previous token, not the previous char: a literal is {@code ?} by the time the output is
   * rescanned, and {@code 1.[x]} and {@code ?[x]} must be read alike.
   */
  private boolean followsOperand() {
    return !pendingSpace && previousKind != AFTER_OPERATOR;
  }

  /** Whether the last word is a keyword after which a sign is unary: {@code and -1 < b}. */
  private boolean isUnaryKeyword() {
    switch (wordEnd - wordStart) {
      case 2:
        return lastWordIs("or") || lastWordIs("by");
      case 3:
        return lastWordIs("and") || lastWordIs("not");
      case 4:
        return lastWordIs("when") || lastWordIs("then") || lastWordIs("else") || lastWordIs("case")
            || lastWordIs("like");
      case 5:
        return lastWordIs("where") || lastWordIs("limit");
      case 6:
        return lastWordIs("select") || lastWordIs("offset") || lastWordIs("having")
            || lastWordIs("return") || lastWordIs("values");
      case 7:
        return lastWordIs("between") || lastWordIs("default");
      default:
        return false;
    }
  }

  private boolean lastWordIs(String keyword) {
    return wordEnd - wordStart == keyword.length()
        && sql.regionMatches(true, wordStart, keyword, 0, keyword.length());
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isHexDigit(char c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  private static boolean isNamePart(char c) {
    return SqlLexer.isWordPart(c) || c == '.';
  }
}
