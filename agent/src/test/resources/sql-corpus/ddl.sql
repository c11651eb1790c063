-- DDL on H2, PostgreSQL and MySQL/MariaDB (issue #9, item 4): every form a schema tool or a migration sends names
-- the tables it changes, so that it bumps those tables' versions rather than "*", which empties the whole cache.
--
-- The entries marked "Hibernate 7.2.19 on H2 2.4.240" are what Hibernate sends for an entity Tag (a sequence id,
-- @GeneratedValue(strategy = SEQUENCE)) next to the demo's entities, with hibernate.hbm2ddl.auto=create-drop and
-- hibernate.show_sql, in a throwaway program; copied verbatim (trailing spaces trimmed). Its other DDL, that of the
-- demo's entities, is in hibernate.sql. That Hibernate sends "drop table if exists x cascade" to H2; the form of the
-- issue, "drop table x if exists", is what Hibernate 5's H2Dialect sent and what H2 still takes. The rest is
-- hand-written after each database's manual. Statements JSqlParser cannot take are "| fallback": the keyword scan
-- reads them by their shape (DdlScan), and SqlCorpusTest.ddlScanNamesWhatTheParserNames holds it to the same
-- names as the parser on every entry of this file.
--
-- Objects that are not tables (sequences, indexes without their table, a new schema) name nothing and write
-- nothing: no cached result holds a sequence's value, an index changes how fast a query runs but never what it
-- returns, and a new schema is empty. DROP SCHEMA drops tables it cannot name, so it still empties the cache.
--
-- Format (see SqlCorpusTest): a line "-- reads: a, b | writes: c" starts an entry, optionally followed by
-- "| unknown" (writesUnknown), "| fallback" (the keyword scan stood in for the parser) and "| reason: text" (the
-- reason starts so); the statement runs from the next line to the next "-- reads:" or "-- #" line.

-- # schema export, the Tag entity (Hibernate 7.2.19 on H2 2.4.240): its temporary table for bulk mutations
-- reads: | writes: hte_tag
create global temporary table HTE_tag(rn_ integer not null, id bigint, label varchar(255), primary key (rn_)) transactional

-- # schema export, the Tag entity (Hibernate 7.2.19 on H2 2.4.240)
-- reads: | writes: tag
drop table if exists tag cascade

-- # schema export, the Tag entity (Hibernate 7.2.19 on H2 2.4.240): a sequence is no table
-- reads: | writes:
drop sequence if exists tag_SEQ

-- # schema export, the Tag entity (Hibernate 7.2.19 on H2 2.4.240)
-- reads: | writes:
create sequence tag_SEQ start with 1 increment by 50

-- # schema export, the Tag entity (Hibernate 7.2.19 on H2 2.4.240)
-- reads: | writes: tag
create table tag (id bigint not null, label varchar(255), primary key (id))

-- # H2: IF EXISTS after the name (Hibernate 5's H2Dialect), which JSqlParser does not take
-- reads: | writes: food | fallback
drop table food if exists

-- # H2: IF EXISTS after the name, with CASCADE
-- reads: | writes: ingredient | fallback
drop table ingredient if exists cascade

-- # H2 and PostgreSQL, upper case
-- reads: | writes: recipe
DROP TABLE IF EXISTS recipe CASCADE

-- # H2, PostgreSQL and MySQL: two tables, which JSqlParser does not take
-- reads: | writes: a, b | fallback
drop table if exists a, b

-- # Oracle's CASCADE CONSTRAINTS (H2 in Oracle mode takes it too), which JSqlParser does not take
-- reads: | writes: food | fallback
drop table food cascade constraints

-- # PostgreSQL: quoted and schema-qualified; a quoted name keeps its case
-- reads: | writes: Owners
drop table if exists "public"."Owners" cascade

-- # MySQL: backticks and a schema
-- reads: | writes: items
drop table if exists `shop`.`items`

-- # a foreign key names the table it references, which it does not change
-- reads: | writes: ingredient
ALTER TABLE ingredient ADD CONSTRAINT fk_ingredient_food FOREIGN KEY (food_id) REFERENCES food (id)

-- # MySQL: backticks, and a foreign key action that is no DELETE
-- reads: | writes: items
alter table `shop`.`items` add constraint `fk_items_order` foreign key (`order_id`) references `shop`.`orders` (`id`) on delete cascade

-- # PostgreSQL (Hibernate's schema export on PostgreSQL sends the same with its own constraint names)
-- reads: | writes: ingredient
ALTER TABLE IF EXISTS ingredient DROP CONSTRAINT IF EXISTS fk_ingredient_food

-- # PostgreSQL
-- reads: | writes: ingredient
ALTER TABLE ingredient ADD COLUMN note varchar(255)

-- # PostgreSQL: quoted and schema-qualified
-- reads: | writes: Owners
alter table "public"."Owners" add column "nickName" varchar(40)

-- # H2 and PostgreSQL: a rename changes what queries of both names see
-- reads: | writes: recipe, dish
ALTER TABLE public.recipe RENAME TO dish

-- # PostgreSQL: a column's rename (COLUMN is optional there) is no new table name
-- reads: | writes: recipe
alter table recipe rename name to title

-- # H2 and PostgreSQL
-- reads: | writes: recipe
ALTER TABLE recipe ALTER COLUMN name SET NOT NULL

-- # H2: ALTER COLUMN with a new type
-- reads: | writes: recipe
alter table recipe alter column description varchar(4000)

-- # MySQL
-- reads: | writes: recipe
alter table recipe modify column name varchar(300) not null

-- # MySQL: DROP FOREIGN KEY, which JSqlParser does not take
-- reads: | writes: ingredient | fallback
ALTER TABLE ingredient DROP FOREIGN KEY fk_ingredient_food

-- # MySQL: the same, quoted and schema-qualified
-- reads: | writes: items | fallback
alter table `shop`.`items` drop foreign key `fk_items_order`

-- # MySQL
-- reads: | writes: recipe, dish
RENAME TABLE recipe TO dish

-- # MySQL: several renames, schema-qualified
-- reads: | writes: items, old_items, items_new
rename table `shop`.`items` to `shop`.`old_items`, `shop`.`items_new` to `shop`.`items`

-- # MySQL and PostgreSQL
-- reads: | writes: ingredient
TRUNCATE TABLE ingredient

-- # PostgreSQL: RESTART IDENTITY and CASCADE, which JSqlParser does not take. CASCADE also empties the tables whose
-- # foreign keys reference recipe; like ON DELETE CASCADE, those are not named (TableExtractor's known gaps).
-- reads: | writes: recipe | fallback
TRUNCATE recipe RESTART IDENTITY CASCADE

-- # H2: RESTART IDENTITY
-- reads: | writes: food | fallback
truncate table food restart identity

-- # PostgreSQL: quoted and schema-qualified
-- reads: | writes: Owners
truncate table "public"."Owners"

-- # an index is created on its table
-- reads: | writes: food
CREATE INDEX ix_food_name ON food (name)

-- # PostgreSQL: quoted and schema-qualified
-- reads: | writes: Owners
create unique index if not exists ux_owners_name on "public"."Owners" ("name")

-- # MySQL: DROP INDEX names its table
-- reads: | writes: food
DROP INDEX ix_food_name ON food

-- # MySQL: with options, which JSqlParser does not take
-- reads: | writes: items | fallback
drop index `ix_items_name` on `shop`.`items` algorithm = inplace lock = none

-- # H2 and PostgreSQL: DROP INDEX names no table, and an index changes no query's result
-- reads: | writes:
drop index ix_food_name

-- # PostgreSQL
-- reads: | writes:
drop index if exists ix_recipe_name cascade

-- # PostgreSQL
-- reads: | writes:
DROP SEQUENCE recipe_seq

-- # H2 and PostgreSQL: a new schema is empty
-- reads: | writes:
CREATE SCHEMA shop

-- # DROP SCHEMA drops tables it does not name: everything may have changed
-- reads: | writes: | unknown | reason: DDL whose tables can't be named
drop schema shop cascade

-- # H2
-- reads: | writes:
SET MODE PostgreSQL
