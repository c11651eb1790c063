package io.querylens.agent.jdbc.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fallback on its own: what it takes for a table, and which keywords write. */
class KeywordScanTest {

  private static TableAccess scan(String sql) {
    return KeywordScan.scan(sql, false);
  }

  private static void reads(String sql, String... tables) {
    TableAccess access = scan(sql);
    assertEquals(Set.of(tables), access.reads(), sql);
    assertFalse(access.isWrite(), sql + " -> " + access);
  }

  private static void writesExactly(String sql, Set<String> reads, String... targets) {
    TableAccess access = scan(sql);
    assertEquals(reads, access.reads(), sql);
    assertEquals(Set.of(targets), access.writes(), sql);
    assertFalse(access.writesUnknown(), sql + " -> " + access);
  }

  private static void writesUnknown(String sql, String... named) {
    TableAccess access = scan(sql);
    assertTrue(access.writesUnknown(), sql + " -> " + access);
    assertEquals(Set.of(named), access.writes(), sql);
    assertTrue(access.reason().startsWith(TableAccess.UNPARSABLE_WRITE), access.reason());
  }

  @Test
  void fromJoinAndUsingListsWithAliases() {
    reads("select * from a x, b as y, c join d on d.id = c.id left join e using (id)", "a", "b", "c", "d", "e");
    reads("select * from (select * from a) s, b where s.id = b.id", "a", "b");
    reads("select * from (a join b on a.id = b.id) join c on 1 = 1", "a", "b", "c");
    reads("select * from {oj a left outer join b on a.id = b.id}", "a", "b");
    reads("select * from only a, lateral (select * from b) l", "a", "b");
    reads("table a", "a");
  }

  @Test
  void functionsAndValuesAreNotTables() {
    reads("select * from generate_series(1, 3) g, lateral unnest(?) u");
    reads("select * from a where x is not distinct from y", "a");
  }

  @Test
  void literalsCommentsAndQuotedNamesHideNothing() {
    reads("select * from a where x = 'from b' -- join c\n /* join d */ and y = $$ from e $$", "a");
    reads("select * from \"From\" join `Join` on 1 = 1 join [dbo].[Where] on 1 = 1", "From", "Join", "Where");
  }

  @Test
  void cteNamesAreNotTablesOutsideTheirOwnBody() {
    reads("with c as (select * from a), d as (select * from c) select * from d join b on 1 = 1", "a", "b");
    reads("with a as (select * from a where x > 1) select * from a", "a");
    reads("with recursive t(n) as (select 1 union all select n + 1 from t) select * from t");
  }

  @Test
  void keywordsThatDoNotWrite() {
    reads("select * from a for update", "a");
    reads("select * from a for no key update of a nowait", "a");
    reads("select replace(x, 'a', 'b'), insert(x, 1, 2, 'y'), truncate(n, 2) from a", "a");
    reads("select update_count, deleted from a.update", "update");
    assertFalse(scan("grant insert, update, delete on a to someone").isWrite());
    assertFalse(scan("show create table a").isWrite());
  }

  @Test
  void plainSingleTargetStatementsHaveTheirTargetNamed() {
    writesExactly("insert into a (x) values (?) on conflict (x) do update set x = excluded.x", Set.of(), "a");
    writesExactly("insert ignore into a select * from b", Set.of("b"), "a");
    writesExactly("replace into a values (1)", Set.of(), "a");
    writesExactly("upsert into a values (1)", Set.of(), "a");
    writesExactly("update only a as x set y = (select max(y) from b) where id = ?", Set.of("b"), "a");
    writesExactly("delete from a x using b where b.id = x.id", Set.of("b"), "a");
    writesExactly("merge into a using b on a.id = b.id when matched then update set x = b.x"
        + " when not matched then insert (x) values (b.x) when matched and b.gone then delete", Set.of("b"), "a");
    writesExactly("select * into a from b", Set.of("b"), "a");
  }

  @Test
  void everyOtherWriteLeavesTheTargetsOpen() {
    writesUnknown("update a, b set a.x = b.x", "a", "b");
    writesUnknown("update a join b on a.id = b.id set b.x = 1", "a");
    writesUnknown("delete a from a join b on a.id = b.id");
    writesUnknown("with x as (select * from b) insert into a select * from x", "a");
    writesUnknown("load data infile 'f.csv' into table a", "a");
    writesUnknown("copy a from stdin");
    writesUnknown("refresh materialized view v", "v");
    writesUnknown("explain analyze update a set x = 1", "a");
    writesUnknown("insert all into a values (1) into b values (2) select 1 from dual", "a", "b");
  }

  @Test
  void ddlOfAKnownShapeHasItsTablesNamed() {
    writesExactly("create table a (id int references b on update cascade on delete set null)", Set.of(), "a");
    writesExactly("create or replace temporary view v as select * from a", Set.of("a"), "v");
    writesExactly("create table a as select * from b", Set.of("b"), "a");
    writesExactly("create unique index if not exists ix on only a (x)", Set.of(), "a");
    writesExactly("alter table if exists only a add column y int", Set.of(), "a");
    writesExactly("alter table a rename to b", Set.of(), "a", "b");
    writesExactly("alter table a rename b", Set.of(), "a", "b");
    writesExactly("alter table a rename column b to c", Set.of(), "a");
    writesExactly("drop table a if exists", Set.of(), "a");
    writesExactly("drop table if exists a, b cascade", Set.of(), "a", "b");
    writesExactly("drop temporary table a", Set.of(), "a");
    writesExactly("drop materialized view v", Set.of(), "v");
    writesExactly("truncate a, only b * restart identity", Set.of(), "a", "b");
    writesExactly("truncate table a", Set.of(), "a");
    writesExactly("rename table a to b, c to d", Set.of(), "a", "b", "c", "d");
    writesExactly("drop index ix on a", Set.of(), "a");
    writesExactly("drop index concurrently if exists ix, iy", Set.of());
    writesExactly("alter sequence s restart with 1", Set.of());
  }

  @Test
  void ddlThatMayWriteMoreThanItsShapeLeavesTheTargetsOpen() {
    writesUnknown("drop schema s cascade");
    writesUnknown("create schema s create table t (id int)");
    writesUnknown("alter table a exchange partition p with table b", "a");
    writesUnknown("create table a as with x as (delete from b returning *) select * from x", "a", "b");
    writesUnknown("drop table a; delete from b", "a", "b");
    writesUnknown("drop function f");
    writesUnknown("alter table a add column b int; update a set b = 1", "a");
    writesUnknown("truncate a, b restart", "a", "b");
  }

  @Test
  void schemasAreKeptWhenAsked() {
    TableAccess access = KeywordScan.scan("update s.a set x = 1 where id in (select id from \"S\".b)", true);
    assertEquals(Set.of("s.a"), access.writes());
    assertEquals(Set.of("S.b"), access.reads());
    assertEquals(Set.of("a"), scan("update s.a set x = 1").writes());
  }
}
