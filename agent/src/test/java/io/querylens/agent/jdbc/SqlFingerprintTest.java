package io.querylens.agent.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Unit tests for {@link SqlFingerprint}. Each parameterized source holds {@code (sql, fingerprint)}
 * pairs; {@link #isIdempotent} runs every input of every source through the fingerprint twice.
 */
class SqlFingerprintTest {

  private static final String MARKER = SqlFingerprint.CUT_MARKER;

  private static Arguments fingerprint(String sql, String expected) {
    return Arguments.of(sql, expected);
  }

  private static Arguments unchanged(String sql) {
    return Arguments.of(sql, sql);
  }

  // ---------------------------------------------------------------------------------------------
  // Literals

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("literals")
  void masksLiterals(String sql, String expected) {
    assertEquals(expected, SqlFingerprint.of(sql));
  }

  static Stream<Arguments> literals() {
    return Stream.of(
        fingerprint("select * from t where name = 'abc'", "select * from t where name = ?"),
        fingerprint("select * from t where name = ''", "select * from t where name = ?"),
        fingerprint("select * from t where name = 'it''s' and b = 'x'",
            "select * from t where name = ? and b = ?"),
        fingerprint("select * from t where name = 'a,b (c)'", "select * from t where name = ?"),
        fingerprint("select * from t where name = E'it\\'s' and b = 1",
            "select * from t where name = ? and b = ?"),
        fingerprint("select * from t where p = e'C:\\\\dir\\\\' and q = 1",
            "select * from t where p = ? and q = ?"),
        // Without E, a backslash is an ordinary char (standard SQL, PostgreSQL): the literal ends at the quote.
        fingerprint("select * from t where p = 'C:\\' and q = 1", "select * from t where p = ? and q = ?"),
        fingerprint("select N'h\u00e9llo', n'x' from t", "select ?, ? from t"),
        fingerprint("select X'1F', x'ff', B'101' from t", "select ?, ?, ? from t"),
        fingerprint("select * from t where id = 42", "select * from t where id = ?"),
        fingerprint("select * from t where id = -1", "select * from t where id = ?"),
        fingerprint("select * from t where id=-1", "select * from t where id=?"),
        fingerprint("select * from t where a >= +2.5", "select * from t where a >= ?"),
        fingerprint("select -1, -2 from t", "select ?, ? from t"),
        fingerprint("select * from t where a > 1 and -5 < b", "select * from t where a > ? and ? < b"),
        fingerprint("select * from t where a between -5 and -1", "select * from t where a between ? and ?"),
        fingerprint("select abs(-7) from t", "select abs(?) from t"),
        // After an operand a sign is subtraction, not part of the number.
        fingerprint("select a -1 from t", "select a -? from t"),
        fingerprint("select a - 1, b-2, (c)-3 from t", "select a - ?, b-?, (c)-? from t"),
        fingerprint("select a - -1 from t", "select a - ? from t"),
        fingerprint("select * from t where a = - 1", "select * from t where a = - ?"),
        fingerprint("select 1.5, .5, 10., 1e-5, 2.5E+10, 3e7 from t", "select ?, ?, ?, ?, ?, ? from t"),
        fingerprint("select 0x1F, 0XAB, -0x10 from t", "select ?, ?, ? from t"),
        fingerprint("select * from t limit 10 offset 20", "select * from t limit ? offset ?"),
        fingerprint("select * from t where d = {d '2024-01-31'}", "select * from t where d = {d ?}"),
        fingerprint("select 5/2, 7%3 from t", "select ?/?, ?%? from t"),
        // Not values that vary per request: kept, see the class comment.
        unchanged("select * from t where a is null and b = true and c = FALSE and d is not NULL"));
  }

  // ---------------------------------------------------------------------------------------------
  // IN lists

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("inLists")
  void collapsesInLists(String sql, String expected) {
    assertEquals(expected, SqlFingerprint.of(sql));
  }

  static Stream<Arguments> inLists() {
    return Stream.of(
        fingerprint("select * from t where id in (1, 2, 3)", "select * from t where id in (?)"),
        fingerprint("select * from t where id IN (1,2,3)", "select * from t where id IN (?)"),
        fingerprint("select * from t where id In ( 1 , 2 )", "select * from t where id In (?)"),
        fingerprint("select * from t where name in ('a','b', 'it''s')", "select * from t where name in (?)"),
        fingerprint("select * from t where id in (?, ?, ?)", "select * from t where id in (?)"),
        fingerprint("select * from t where id in (1, ?, 'x', -2, 2.5, 0x1F)",
            "select * from t where id in (?)"),
        fingerprint("select * from t where id not in (1, 2)", "select * from t where id not in (?)"),
        fingerprint("select * from t where id in(1,2)", "select * from t where id in(?)"),
        fingerprint("select * from t where id in /* ids */ (1, 2)", "select * from t where id in (?)"),
        fingerprint("select * from t where id in (7)", "select * from t where id in (?)"),
        // Nested parentheses: tuples and calls collapse when every element is the same after masking.
        fingerprint("select * from t where (a, b) in ((1, 2), (3, 4), (?, ?))",
            "select * from t where (a, b) in ((?, ?))"),
        fingerprint("select * from t where name in (lower(?), lower('B'))",
            "select * from t where name in (lower(?))"),
        fingerprint("select * from t where (a in (1, 2)) and (b in (3, 4, 5))",
            "select * from t where (a in (?)) and (b in (?))"),
        // Different elements, or a subquery, stay as they are.
        unchanged("select * from t where id in (?, null)"),
        unchanged("select * from t where id in (a, b)"),
        unchanged("select * from t where (a, b) in ((?, ?), (?, null))"),
        unchanged("select * from t where id in ()"),
        fingerprint("select * from t where id in (select id from u where x = 1)",
            "select * from t where id in (select id from u where x = ?)"),
        unchanged("select * from t where id in (select a, b from u)"),
        unchanged("select * from t where id in (select ?, ? from u)"),
        fingerprint("select * from t where id in (select id from u where k in (1, 2)) and j in (3, 4)",
            "select * from t where id in (select id from u where k in (?)) and j in (?)"));
  }

  @Test
  void inListsOfDifferentSizesShareAFingerprint() {
    String one = SqlFingerprint.of("select * from t where id in (?)");
    assertEquals(one, SqlFingerprint.of("select * from t where id in (?, ?)"));
    assertEquals(one, SqlFingerprint.of("select * from t where id in (" + "?, ".repeat(999) + "?)"));
  }

  // ---------------------------------------------------------------------------------------------
  // Multi-row VALUES

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("multiRowValues")
  void collapsesIdenticalValuesRows(String sql, String expected) {
    assertEquals(expected, SqlFingerprint.of(sql));
  }

  static Stream<Arguments> multiRowValues() {
    return Stream.of(
        fingerprint("insert into t (a, b) values (?, ?), (?, ?), (?, ?)",
            "insert into t (a, b) values (?, ?)"),
        fingerprint("insert into t (a, b) VALUES (1, 'x'),(2, 'y')", "insert into t (a, b) VALUES (?, ?)"),
        fingerprint("insert into t (a, b) values (1, 'x')", "insert into t (a, b) values (?, ?)"),
        fingerprint("insert into t (a, b) values (-1, now()), (2, now());",
            "insert into t (a, b) values (?, now())"),
        fingerprint("insert into t (a) values (1), (2) on conflict do nothing",
            "insert into t (a) values (?) on conflict do nothing"),
        fingerprint("insert into t (a) values (1), (2) returning id",
            "insert into t (a) values (?) returning id"),
        fingerprint("insert into t (a) values (1), (2) on duplicate key update a = values(a)",
            "insert into t (a) values (?) on duplicate key update a = values(a)"),
        fingerprint("select * from (values (1, 'a'), (2, 'b')) as v(x, y)",
            "select * from (values (?, ?)) as v(x, y)"),
        fingerprint("insert into t (a) values ((select max(a) from u where b in (1, 2))),"
                + " ((select max(a) from u where b in (3)))",
            "insert into t (a) values ((select max(a) from u where b in (?)))"),
        // Rows that differ after masking are all kept.
        unchanged("insert into t (a, b) values (?, ?), (?, null)"),
        fingerprint("insert into t (a, b) values (1, 2), (3, default), (4, 5)",
            "insert into t (a, b) values (?, ?), (?, default), (?, ?)"),
        unchanged("insert into t (a) values (?), (?),"));
  }

  @Test
  void bulkInsertsOfDifferentSizesShareAFingerprint() {
    String row = "(1, 'name', 2.5)";
    String expected = "insert into t (a, b, c) values (?, ?, ?)";
    for (int rows : new int[] {1, 2, 3, 50, 1000}) {
      String sql = "insert into t (a, b, c) values " + String.join(", ", Collections.nCopies(rows, row));
      assertEquals(expected, SqlFingerprint.of(sql), rows + " rows");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Comments

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("comments")
  void removesComments(String sql, String expected) {
    assertEquals(expected, SqlFingerprint.of(sql));
  }

  static Stream<Arguments> comments() {
    return Stream.of(
        fingerprint("select a -- the a column\nfrom t", "select a from t"),
        fingerprint("select a -- one\r\n, b from t -- two", "select a, b from t"),
        fingerprint("select /* comment */ a from t", "select a from t"),
        fingerprint("select /*+ INDEX(t idx_t_a) */ a from t", "select a from t"),
        fingerprint("/* app=web,route=/recipes */ select a from t", "select a from t"),
        fingerprint("select a/**/from t", "select a from t"),
        fingerprint("select a /* multi\nline\n */ from t", "select a from t"),
        fingerprint("select a from t -- where x = 'y'", "select a from t"),
        fingerprint("select count(/* all */*) from t", "select count(*) from t"),
        fingerprint("select a-/**/-1 from t", "select a- ? from t"),
        // Comment markers inside literals and quoted identifiers are text, not comments.
        fingerprint("select '--not a comment', '/* nor this */' from t where b = 1",
            "select ?, ? from t where b = ?"),
        unchanged("select \"--col\", \"/*x*/\", `-- y`, [/* z */] from t"),
        fingerprint("select $$ -- $$, a from t", "select ?, a from t"));
  }

  // ---------------------------------------------------------------------------------------------
  // Quoted identifiers

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("quotedIdentifiers")
  void keepsQuotedIdentifiers(String sql, String expected) {
    assertEquals(expected, SqlFingerprint.of(sql));
  }

  static Stream<Arguments> quotedIdentifiers() {
    return Stream.of(
        fingerprint("select \"Foo Bar\", \"order\" from \"Table1\" where \"col 2\" = 5",
            "select \"Foo Bar\", \"order\" from \"Table1\" where \"col 2\" = ?"),
        unchanged("select \"a\"\"b\", \"123\", \"it's\" from \"Order\""),
        fingerprint("select \"x\" from t where \"y\" in (1, 2)", "select \"x\" from t where \"y\" in (?)"),
        unchanged("select `1col`, `my table`.`x` from `t-1`"),
        unchanged("select `a``b` from t"),
        fingerprint("select [Order Details].[Unit Price] from [dbo].[Order Details] where [Id 2] = 1",
            "select [Order Details].[Unit Price] from [dbo].[Order Details] where [Id 2] = ?"),
        unchanged("select [a]]b], [42], ['x'] from t"),
        // A [ right after a name, ')' or ARRAY is a subscript, not an identifier.
        fingerprint("select arr[1], ARRAY[1, 2], array [3], (f(x))[4], '{5}'::int[] from t",
            "select arr[?], ARRAY[?, ?], array [?], (f(x))[?], ?::int[] from t"));
  }

  // ---------------------------------------------------------------------------------------------
  // Dollar quotes

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("dollarQuotes")
  void masksDollarQuotes(String sql, String expected) {
    assertEquals(expected, SqlFingerprint.of(sql));
  }

  static Stream<Arguments> dollarQuotes() {
    return Stream.of(
        fingerprint("select $$it's$$ from t", "select ? from t"),
        fingerprint("select $$a$$, $$b$$", "select ?, ?"),
        fingerprint("do $body$ begin perform 1; end $body$", "do ?"),
        fingerprint("select $a$ x $b$ y $b$ $ z $a$, 1", "select ?, ?"),
        fingerprint("select $_1$ 'x' $_1$", "select ?"),
        unchanged("select * from t where id = $1 and x = $2"),
        unchanged("select v$session.sid, a$b from v$session"),
        fingerprint("select $tag$ never closed", "select ?"));
  }

  // ---------------------------------------------------------------------------------------------
  // Identifiers with digits and placeholders

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("identifiersAndPlaceholders")
  void keepsIdentifiersWithDigitsAndPlaceholders(String sql, String expected) {
    assertEquals(expected, SqlFingerprint.of(sql));
  }

  static Stream<Arguments> identifiersAndPlaceholders() {
    return Stream.of(
        unchanged("select t1.col_2, t1.x3y from table3 t1"),
        unchanged("select i1_0.recipe_id from ingredient i1_0 where i1_0.recipe_id=?"),
        unchanged("select * from t where a = :name and b = :id2"),
        unchanged("select * from t where a = :1 and b = :2"),
        unchanged("select * from t where a = ?1 and b = ?2"),
        fingerprint("select x::int, '1'::int, y::numeric(10,2) from t",
            "select x::int, ?::int, y::numeric(?,?) from t"),
        unchanged("select @p1, @@identity, #tmp1.x from #tmp1, ##g2"),
        unchanged("select 1abc, _x9 from t"),
        unchanged("select caf\u00e9_1, \u0442\u0430\u0431\u043b\u0438\u0446\u04302 from t"),
        fingerprint("select data->>'k', data ? 'k' from t", "select data->>?, data ? ? from t"));
  }

  // ---------------------------------------------------------------------------------------------
  // Hibernate 7

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("hibernate")
  void hibernateSql(String sql, String expected) {
    assertEquals(expected, SqlFingerprint.of(sql));
  }

  static Stream<Arguments> hibernate() {
    return Stream.of(
        unchanged("select r1_0.id,r1_0.name from recipe r1_0 where r1_0.id=?"),
        fingerprint("select i1_0.recipe_id,i1_0.id,i1_0.name from ingredient i1_0 where i1_0.recipe_id in (?,?,?,?)",
            "select i1_0.recipe_id,i1_0.id,i1_0.name from ingredient i1_0 where i1_0.recipe_id in (?)"),
        unchanged("insert into recipe (name,version,id) values (?,?,?)"),
        unchanged("update recipe set name=?,version=? where id=? and version=?"),
        unchanged("delete from recipe where id=?"),
        unchanged("select r1_0.id,r1_0.name from recipe r1_0 order by r1_0.name"
            + " offset ? rows fetch first ? rows only"),
        unchanged("select r1_0.id,count(i1_0.id) from recipe r1_0"
            + " left join ingredient i1_0 on r1_0.id=i1_0.recipe_id group by r1_0.id"),
        fingerprint("select r1_0.id from recipe r1_0 where r1_0.name like 'Soup%' escape '\\' and r1_0.id>10",
            "select r1_0.id from recipe r1_0 where r1_0.name like ? escape ? and r1_0.id>?"),
        unchanged("select next value for recipe_seq"),
        fingerprint("select nextval('recipe_seq')", "select nextval(?)"));
  }

  @Test
  void returnsTheInputItselfWhenNothingChanges() {
    String sql = "select r1_0.id,r1_0.name from recipe r1_0 where r1_0.id=?";
    assertSame(sql, SqlFingerprint.of(sql));
  }

  // ---------------------------------------------------------------------------------------------
  // Whitespace and semicolons

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("whitespace")
  void normalisesWhitespaceAndSemicolons(String sql, String expected) {
    assertEquals(expected, SqlFingerprint.of(sql));
  }

  static Stream<Arguments> whitespace() {
    return Stream.of(
        fingerprint("  select\n\ta ,\r\n  b\n from   t  ", "select a, b from t"),
        fingerprint("select\ta\nfrom t", "select a from t"),
        fingerprint("select count( * ) from t", "select count(*) from t"),
        fingerprint("select f( a , b ) ,g ( c ) from t", "select f(a, b),g (c) from t"),
        unchanged("select a,b from t"),
        unchanged("select a, b from t"),
        fingerprint("select 1;", "select ?"),
        fingerprint("select a from t ;  ", "select a from t"),
        fingerprint("select a from t;;", "select a from t"),
        fingerprint("select a from t; -- done\n", "select a from t"),
        fingerprint("select a from t; select b from u;", "select a from t; select b from u"),
        unchanged("select a from \"t;\""));
  }

  // ---------------------------------------------------------------------------------------------
  // Unparsable SQL

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("unterminated")
  void masksUnterminatedToTheEnd(String sql, String expected) {
    assertEquals(expected, SqlFingerprint.of(sql));
  }

  static Stream<Arguments> unterminated() {
    return Stream.of(
        fingerprint("select * from t where a = 'abc", "select * from t where a = ?"),
        fingerprint("select * from t where a = 'it''s", "select * from t where a = ?"),
        fingerprint("select * from t where a = E'abc\\'", "select * from t where a = ?"),
        fingerprint("select * from t where a = E'abc\\", "select * from t where a = ?"),
        fingerprint("select a /* unterminated", "select a"),
        fingerprint("select a -- to the end", "select a"),
        unchanged("select \"unterminated from t"),
        unchanged("select [a from t"),
        unchanged("select `a from t"),
        fingerprint("select * from t where id in (1, 2", "select * from t where id in (?, ?"),
        fingerprint("insert into t values (1), (1", "insert into t values (?), (?"),
        unchanged("select a from t where b = c)) and (d"),
        fingerprint("'", "?"));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "\n\t ", ";", " ; ; ", "-- only a comment", "/* only a comment */"})
  void fingerprintOfNothingIsEmpty(String sql) {
    assertEquals("", SqlFingerprint.of(sql));
  }

  // ---------------------------------------------------------------------------------------------
  // Long SQL

  /** 1,000 columns: about 7,900 chars that no rule shortens. */
  private static String longSelect(String tail) {
    return "select " + IntStream.range(0, 1000).mapToObj(i -> "c" + i).collect(Collectors.joining(", "))
        + " from t where " + tail;
  }

  @Test
  void cutsLongSqlToMaxLengthWithAHash() {
    String sql = longSelect("x = 1");
    String fingerprint = SqlFingerprint.of(sql);

    // At most the cap, and shorter only by the word that the cut backs out of ("c999, " at most).
    assertTrue(fingerprint.length() <= SqlFingerprint.DEFAULT_MAX_LENGTH, fingerprint);
    assertTrue(fingerprint.length() > SqlFingerprint.DEFAULT_MAX_LENGTH - 6, fingerprint);
    String prefix = fingerprint.substring(0, fingerprint.length() - MARKER.length() - 8);
    assertTrue(sql.startsWith(prefix), "cut at a prefix of the normalised text");
    assertTrue(fingerprint.substring(prefix.length()).matches(MARKER + "[0-9a-f]{8}"), fingerprint);
  }

  @Test
  void longStatementsSharingAPrefixStayDistinct() {
    String a = SqlFingerprint.of(longSelect("x = ?"));
    String b = SqlFingerprint.of(longSelect("y = ?"));
    String tailA = a.substring(a.lastIndexOf('#'));
    String tailB = b.substring(b.lastIndexOf('#'));

    assertEquals(a.substring(0, a.lastIndexOf('#')), b.substring(0, b.lastIndexOf('#')));
    assertNotEquals(tailA, tailB);
  }

  @Test
  void longStatementsDifferingOnlyInLiteralsShareAFingerprint() {
    String a = SqlFingerprint.of(longSelect("x = 1"));

    assertEquals(a, SqlFingerprint.of(longSelect("x = 1")), "stable");
    assertEquals(a, SqlFingerprint.of(new String(longSelect("x = 1").toCharArray())), "not identity-based");
    assertEquals(a, SqlFingerprint.of(longSelect("x = 'some other value'")), "hash of the masked text");
  }

  @Test
  void honoursACustomMaxLength() {
    String sql = longSelect("x = 1");

    String cut = SqlFingerprint.of(sql, 100);
    assertTrue(cut.length() <= 100 && cut.length() > 100 - 6, cut);
    // Below the minimum the cap is raised to it; "select" does not fit, so only the hash is left.
    assertTrue(SqlFingerprint.of(sql, 0).matches(MARKER + "[0-9a-f]{8}"));
    assertEquals(SqlFingerprint.of(sql, 0), SqlFingerprint.of(sql, -5));
    assertEquals(SqlFingerprint.of(sql, 0), SqlFingerprint.of(sql, SqlFingerprint.MIN_MAX_LENGTH));
    assertTrue(SqlFingerprint.of(sql, 20).startsWith("select "));
    assertEquals("select a from t where x = ?", SqlFingerprint.of("select a from t where x = 1", 27), "fits exactly");
  }

  @Test
  void measuresTheMaskedText() {
    String sql = "select * from t where a = '" + "x".repeat(10_000) + "' and b in (" + "1, ".repeat(5_000) + "1)";

    assertEquals("select * from t where a = ? and b in (?)", SqlFingerprint.of(sql));
  }

  @Test
  void neverCutsInsideAWord() {
    String fingerprint = SqlFingerprint.of("select abcdefghijklmnop, b from t", 20);

    assertTrue(fingerprint.startsWith("select " + MARKER), fingerprint);
  }

  // ---------------------------------------------------------------------------------------------
  // Idempotence

  static Stream<String> allInputs() {
    Stream<String> pairs = Stream.of(literals(), inLists(), multiRowValues(), comments(), quotedIdentifiers(),
            dollarQuotes(), identifiersAndPlaceholders(), hibernate(), whitespace(), unterminated())
        .flatMap(source -> source)
        .map(arguments -> (String) arguments.get()[0]);
    Stream<String> cut = Stream.of(longSelect("x = 1"), longSelect("y = ?"),
        "select abcdefghijklmnop, b from t");
    return Stream.concat(pairs, cut);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("allInputs")
  void isIdempotent(String sql) {
    for (int maxLength : new int[] {SqlFingerprint.DEFAULT_MAX_LENGTH, 40, 20}) {
      String once = SqlFingerprint.of(sql, maxLength);
      assertEquals(once, SqlFingerprint.of(once, maxLength), "maxLength " + maxLength);
    }
  }

  /**
   * Random soup of SQL fragments, weighted towards the ones that open and close contexts: the
   * scanner must not throw, must respect the cap, and must reach a fixed point in one step.
   */
  @Test
  void neverThrowsAndIsIdempotentOnRandomInput() {
    String[] fragments = {
      "'", "''", "\"", "`", "[", "]", "(", ")", ",", ", ", " ", "\n", "--", "/*", "*/", "/", "*",
      "$$", "$a$", "$", "$1", "?", "?1", ":", "::", ":x", "1", "-", "+", ".", "5", "e", "0x1F", "1e-5",
      "E'", "N'", "\\", "in", "IN", "values", "select", "a", "t1", "#", "#t", "@", ";", "array", "\u2026",
      "=", "and", "null", "\u00e9", "\uD83D\uDE00", "\t", "1abc",
    };
    Random random = new Random(20240131);
    StringBuilder sql = new StringBuilder();
    for (int run = 0; run < 50_000; run++) {
      sql.setLength(0);
      for (int n = random.nextInt(40); n >= 0; n--) {
        sql.append(fragments[random.nextInt(fragments.length)]);
      }
      String input = sql.toString();
      int maxLength = (run % 2 == 0) ? SqlFingerprint.DEFAULT_MAX_LENGTH : 12 + random.nextInt(30);
      String once = SqlFingerprint.of(input, maxLength);
      assertTrue(once.length() <= maxLength, input);
      assertEquals(once, SqlFingerprint.of(once, maxLength), () -> "not idempotent: " + input);
    }
  }
}
