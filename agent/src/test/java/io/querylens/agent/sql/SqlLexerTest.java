package io.querylens.agent.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querylens.agent.sql.SqlLexer.LineCommentEnd;
import org.junit.jupiter.api.Test;

class SqlLexerTest {
  /** The index just after {@code token}'s first occurrence in {@code sql}. */
  private static int after(String sql, String token) {
    return sql.indexOf(token) + token.length();
  }

  @Test
  void aPlainStringEndsAtAnUndoubledQuoteAndABackslashEscapesNothing() {
    String sql = "x = 'it''s' and y";
    assertEquals(after(sql, "'it''s'"), SqlLexer.stringEnd(sql, 4, false));
    String mysql = "'it\\'s' x'";
    assertEquals(5, SqlLexer.stringEnd(mysql, 0, false)); // MySQL's escape is not read: the literal is 'it\'
  }

  @Test
  void anEscapeStringAlsoTakesBackslashEscapes() {
    String sql = "E'it\\'s' || 'b'";
    assertEquals(after(sql, "E'it\\'s'"), SqlLexer.stringEnd(sql, 1, true));
    String doubled = "E'a''b\\\\' x";
    assertEquals(after(doubled, "E'a''b\\\\'"), SqlLexer.stringEnd(doubled, 1, true));
  }

  @Test
  void prefixedStringsAreStringsFromTheirQuote() {
    for (String sql : new String[] {"N'ä' x", "X'1F' x", "B'101' x"}) {
      assertEquals(sql.indexOf(' '), SqlLexer.stringEnd(sql, 1, false), sql);
    }
  }

  @Test
  void anUnterminatedStringRunsToTheEnd() {
    assertEquals(6, SqlLexer.stringEnd("'abc''", 0, false));
    assertEquals(5, SqlLexer.stringEnd("E'ab\\", 1, true)); // a trailing backslash escapes past the end
    assertEquals(1, SqlLexer.stringEnd("'", 0, false));
  }

  @Test
  void quotedIdentifiersEndAtTheirUndoubledCloser() {
    String quoted = "\"Foo \"\"Bar\"\"\".x";
    assertEquals(quoted.indexOf(".x"), SqlLexer.quotedIdentifierEnd(quoted, 0, '"'));
    String backticks = "`a``b` c";
    assertEquals(6, SqlLexer.quotedIdentifierEnd(backticks, 0, '`'));
    String brackets = "[Order]]Details] x";
    assertEquals(brackets.indexOf(' '), SqlLexer.quotedIdentifierEnd(brackets, 0, ']'));
    assertEquals(4, SqlLexer.quotedIdentifierEnd("\"abc", 0, '"'));
    assertEquals(1, SqlLexer.quotedIdentifierEnd("[", 0, ']'));
  }

  @Test
  void aLineCommentEndsBeforeTheLineBreakByEachRule() {
    String lf = "-- a\nb";
    assertEquals(4, SqlLexer.lineCommentEnd(lf, 2, LineCommentEnd.CR_OR_LF));
    assertEquals(4, SqlLexer.lineCommentEnd(lf, 2, LineCommentEnd.LF_ONLY));
    String cr = "-- a\rb\nc";
    assertEquals(4, SqlLexer.lineCommentEnd(cr, 2, LineCommentEnd.CR_OR_LF));
    assertEquals(6, SqlLexer.lineCommentEnd(cr, 2, LineCommentEnd.LF_ONLY));
  }

  @Test
  void anUnterminatedLineCommentRunsToTheEndByEachRule() {
    assertEquals(6, SqlLexer.lineCommentEnd("-- abc", 2, LineCommentEnd.CR_OR_LF));
    assertEquals(6, SqlLexer.lineCommentEnd("-- abc", 2, LineCommentEnd.LF_ONLY));
    assertEquals(2, SqlLexer.lineCommentEnd("--", 2, LineCommentEnd.CR_OR_LF));
    assertEquals(2, SqlLexer.lineCommentEnd("--", 2, LineCommentEnd.LF_ONLY));
  }

  @Test
  void blockCommentsDoNotNestAndUnterminatedOnesRunToTheEnd() {
    String nested = "/* a /* b */ c */";
    assertEquals(after(nested, "b */"), SqlLexer.blockCommentEnd(nested, 2));
    assertEquals(3, SqlLexer.blockCommentEnd("/*/", 2)); // the opening's star does not close it
    assertEquals(9, SqlLexer.blockCommentEnd("/* open *", 2));
  }

  @Test
  void dollarQuotesEndAtTheSameDelimiter() {
    String anonymous = "$$ it's $ $$ x";
    assertEquals(after(anonymous, "$ $$"), SqlLexer.dollarQuoteEnd(anonymous, 0, 2));
    String tagged = "$fn$ a $$ b $fn$ x";
    int tagEnd = SqlLexer.dollarTagEnd(tagged, 1);
    assertEquals(3, tagEnd);
    assertEquals(after(tagged, "b $fn$"), SqlLexer.dollarQuoteEnd(tagged, 0, tagEnd + 1));
    assertEquals(9, SqlLexer.dollarQuoteEnd("$a$ body$", 0, 3));
  }

  @Test
  void aDollarTagIsLettersDigitsAndUnderscoreWithoutDollar() {
    assertEquals(6, SqlLexer.dollarTagEnd("$a_1ÿ9$x", 1));
    assertEquals(1, SqlLexer.dollarTagEnd("$$", 1));
    assertEquals(2, SqlLexer.dollarTagEnd("$a#b$", 1));
    assertEquals(3, SqlLexer.dollarTagEnd("$ab", 1));
  }

  @Test
  void wordsStartWithALetterOrUnderscoreAndHashOrAtOnlyBeforeAWordChar() {
    for (String sql : new String[] {"a", "Z", "_x", "ä", "#t1", "@p", "@@identity"}) {
      assertTrue(SqlLexer.isWordStart(sql, 0), sql);
    }
    for (String sql : new String[] {"1a", "$a", "#", "@ ", "# t", "'a'", "٣"}) {
      assertFalse(SqlLexer.isWordStart(sql, 0), sql);
    }
    assertFalse(SqlLexer.isWordStart("a", 1)); // past the end
  }

  @Test
  void wordsContinueWithLettersDigitsAndUnderscoreDollarHashAt() {
    for (char c : "aZ09_$#@ä٣".toCharArray()) {
      assertTrue(SqlLexer.isWordPart(c), String.valueOf(c));
    }
    for (char c : " .'\"-(\0".toCharArray()) {
      assertFalse(SqlLexer.isWordPart(c), String.valueOf(c));
    }
  }

  @Test
  void stringPrefixesAreNationalEscapeHexAndBit() {
    for (char c : "NnEeXxBb".toCharArray()) {
      assertTrue(SqlLexer.isStringPrefix(c));
    }
    for (char c : "aUu_'".toCharArray()) {
      assertFalse(SqlLexer.isStringPrefix(c));
    }
  }
}
