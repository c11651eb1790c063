package io.querylens.agent.jdbc.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tokenizer under the keyword scan and the statement splitter; and the normal form of names. */
class SqlTokensTest {

  /** Each token as kind:text, kinds abbreviated W, Q, L, P, S. */
  private static List<String> tokens(String sql) {
    SqlTokens tokens = SqlTokens.of(sql);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      out.add("WQLPS".charAt(tokens.kind(i)) + ":" + tokens.text(i));
    }
    return out;
  }

  @Test
  void literalsAreOneToken() {
    assertEquals(List.of("W:select", "L:'it''s -- not a comment'", "S:,", "L:E'\\'from t'", "S:,", "L:N'x'",
            "S:,", "L:$$ from t $$", "S:,", "L:$q$ $$ ; $q$", "S:,", "L:1.5e3", "S:,", "L:.5"),
        tokens("select 'it''s -- not a comment', E'\\'from t', N'x', $$ from t $$, $q$ $$ ; $q$, 1.5e3, .5"));
  }

  @Test
  void commentsAreSkipped() {
    assertEquals(List.of("W:select", "L:1", "W:from", "W:t"),
        tokens("select /* from x ' */ 1 -- from y\nfrom t /* unterminated from z"));
  }

  @Test
  void quotedIdentifiersKeepTheirQuotes() {
    assertEquals(List.of("Q:\"a \"\" b\"", "S:.", "Q:`c`", "S:.", "Q:[d]]e]"), tokens("\"a \"\" b\".`c`.[d]]e]"));
    assertEquals(List.of("Q:\"open to the end"), tokens("\"open to the end"));
  }

  @Test
  void bracketsAreIdentifiersOnlyWhereNotSubscripts() {
    assertTrue(SqlTokens.of("select * from [Order Details]").bracketIdentifiers());
    assertFalse(SqlTokens.of("select a[1], (f(x))[2], array[1, 2], ?::int[] from t").bracketIdentifiers());
  }

  @Test
  void placeholdersAndWords() {
    assertEquals(List.of("W:v$session", "P:?", "P:?1", "P:$1", "W:#temp", "W:@var", "S::", "W:name"),
        tokens("v$session ? ?1 $1 #temp @var :name"));
  }

  @Test
  void statementsSplitAtSemicolonsOutsideLiteralsAndComments() {
    SqlTokens tokens = SqlTokens.of("select ';' from a; -- ;\n ; /* ; */ delete from b;");
    long[] statements = tokens.statements();
    assertEquals(2, statements.length);
    assertEquals("select", tokens.text((int) (statements[0] >>> 32)));
    assertEquals("delete", tokens.text((int) (statements[1] >>> 32)));
    assertEquals(3, SqlTokens.of("select ((1)), (((2)))").maxDepth());
  }

  @Test
  void namesAreNormalised() {
    assertEquals("recipe", TableNames.part("RECIPE"));
    assertEquals("recipe", TableNames.part("Recipe"));
    assertEquals("Recipe", TableNames.part("\"Recipe\""));
    assertEquals("Recipe", TableNames.part("`Recipe`"));
    assertEquals("Recipe", TableNames.part("[Recipe]"));
    assertEquals("a\"b", TableNames.part("\"a\"\"b\""));
    assertEquals("a]b", TableNames.part("[a]]b]"));
    assertEquals("\"", TableNames.part("\""), "a lone quote is no quoting");
  }
}
