-- Hand-written statements: joins, subqueries, CTEs, quoted and schema-qualified names, DML and DDL of PostgreSQL,
-- H2, MySQL and SQL Server, stored procedure calls, several statements in one string, and statements JSqlParser
-- cannot take. Tables beyond the demo's (category, recipe_tag, staging_recipe, ...) are made up.
--
-- Format (see SqlCorpusTest): a line "-- reads: a, b | writes: c" starts an entry, optionally followed by
-- "| unknown" (writesUnknown), "| fallback" (the keyword scan stood in for the parser), "| reason: text" (the
-- reason starts so) and "| scan-misses" (a known gap of the keyword scan, said in the note); the statement runs from
-- the next line to the next "-- reads:" or "-- #" line.

-- # joins: inner joins, aliases are not tables
-- reads: recipe, ingredient, food | writes:
select r.name, f.name
from recipe r
join ingredient i on i.recipe_id = r.id
join food f on f.id = i.food_id
where f.name = ?

-- # joins: comma join
-- reads: recipe, ingredient | writes:
select * from recipe r, ingredient i where i.recipe_id = r.id

-- # joins: a parenthesised join
-- reads: recipe, ingredient, food | writes:
select * from (recipe r join ingredient i on i.recipe_id = r.id) left join food f on f.id = i.food_id

-- # joins: lateral subquery (PostgreSQL)
-- reads: recipe, ingredient | writes:
select r.name, top.amount
from recipe r
cross join lateral (select i.amount from ingredient i where i.recipe_id = r.id order by i.amount desc limit 1) top

-- # subqueries: scalar in the select list, IN, = ANY, NOT EXISTS
-- reads: recipe, ingredient, food, recipe_tag | writes:
select r.id, (select max(amount) from ingredient i where i.recipe_id = r.id) as most
from recipe r
where r.id in (select recipe_id from ingredient where food_id = any (select id from food where name like ?))
  and not exists (select 1 from recipe_tag t where t.recipe_id = r.id)

-- # subqueries: in HAVING and ORDER BY
-- reads: ingredient, recipe, food | writes:
select food_id, count(*) from ingredient
group by food_id
having count(*) > (select count(*) / 10 from recipe)
order by (select name from food f where f.id = food_id)

-- # subqueries: a derived table aliased with a table's name still reads that table
-- reads: recipe | writes:
select * from (select * from recipe where id > ?) recipe

-- # CTEs: a CTE read by another; CTE names are not tables
-- reads: ingredient, recipe | writes:
with counts as (select recipe_id, count(*) c from ingredient group by recipe_id),
     big as (select recipe_id from counts where c > 3)
select r.* from recipe r join big on big.recipe_id = r.id

-- # CTEs: recursive
-- reads: category | writes:
with recursive chain(id, parent_id) as (
  select id, parent_id from category where id = ?
  union all
  select c.id, c.parent_id from category c join chain on c.id = chain.parent_id
)
select * from chain

-- # CTEs: a non-recursive CTE named like the table it reads (PostgreSQL resolves the inner name to the table)
-- reads: recipe | writes:
with recipe as (select * from recipe where name like 'A%') select * from recipe

-- # CTEs: a CTE in one subquery does not hide the table of the same name elsewhere. The keyword scan, which has no
-- # scopes, drops the name everywhere: its one known way to miss a read, as rare as it is contrived.
-- reads: food | writes: | scan-misses
select (select count(*) from food) as foods, x.n from (with food as (select 1 as n) select n from food) x

-- # CTEs: data-modifying CTE (PostgreSQL): both targets are written
-- reads: | writes: ingredient, ingredient_archive
with moved as (delete from ingredient where recipe_id = ? returning *)
insert into ingredient_archive select * from moved

-- # CTEs: a CTE feeding UPDATE ... FROM (PostgreSQL)
-- reads: ingredient | writes: recipe
with totals as (select recipe_id, sum(amount) s from ingredient group by recipe_id)
update recipe set description = totals.s from totals where totals.recipe_id = recipe.id

-- # quoted names keep their case
-- reads: Recipe, Food | writes:
select * from "Recipe" r join "Food" f on f.id = r.id

-- # unquoted names are lower-cased, whatever their case; a quoted lower-case name is the same table
-- reads: recipe | writes:
select * from RECIPE r join Recipe r2 on r2.id = r.id join "recipe" r3 on r3.id = r.id

-- # schema- and catalog-qualified names are reduced to the table name
-- reads: recipe, food, Ingredient | writes:
select * from public.recipe r
join cookbook.public.food f on f.id = r.id
join "Kitchen"."Ingredient" i on i.recipe_id = r.id

-- # quoted names with a space and with an escaped quote
-- reads: Recipe Notes, odd"name | writes:
select * from "Recipe Notes" n join "odd""name" o on o.id = n.id

-- # a schema-qualified write target
-- reads: | writes: recipe
update public.recipe set name = ? where id = ?

-- # MySQL: backticks
-- reads: recipe, Food | writes:
select `r`.`name` from `recipe` `r` join `Food` f on f.id = r.food_id

-- # MySQL: REPLACE
-- reads: | writes: food
replace into food (id, name) values (?, ?)

-- # MySQL: INSERT ... ON DUPLICATE KEY UPDATE
-- reads: | writes: food
insert into food (name) values (?) on duplicate key update name = values(name)

-- # multi-row insert with literals
-- reads: | writes: ingredient
insert into ingredient (recipe_id, food_id, amount, unit) values (1, 2, 3.5, 'g'), (1, 3, 1, 'tsp'), (2, 2, 0.5, 'cup')

-- # MySQL: multi-table UPDATE; the joined table is written as its alias qualifies a SET column, the UPDATE's own
-- # table is always taken as written
-- reads: | writes: recipe, ingredient
update recipe r join ingredient i on i.recipe_id = r.id set i.unit = 'g' where r.name = ?

-- # MySQL: multi-table UPDATE setting only the first table's columns: the joined table is only read
-- reads: food | writes: recipe
update recipe r join food f on f.id = r.id set r.name = f.name

-- # MySQL: multi-table DELETE by alias
-- reads: food | writes: ingredient
delete i from ingredient i join food f on f.id = i.food_id where f.name = ?

-- # PostgreSQL: upsert with a subquery in its WHERE
-- reads: banned_food | writes: food
insert into food (name) values (?)
on conflict (name) do update set name = excluded.name
where food.name <> (select min(name) from banned_food)

-- # PostgreSQL: UPDATE ... FROM
-- reads: food | writes: recipe
update recipe r set name = f.name from food f where f.id = r.id returning r.id

-- # PostgreSQL: DELETE ... USING
-- reads: food | writes: ingredient
delete from ingredient using food f where f.id = ingredient.food_id and f.name = ?

-- # MERGE: the USING source is read
-- reads: staging_recipe | writes: recipe
merge into recipe t using staging_recipe s on t.name = s.name
when matched then update set description = s.description
when not matched then insert (name, description, instructions) values (s.name, s.description, s.instructions)

-- # PostgreSQL: a table function joined to a table
-- reads: recipe | writes:
select x.* from unnest(?::int[]) with ordinality as x(id, n) join recipe r on r.id = x.id

-- # the TABLE statement
-- reads: recipe | writes:
table recipe

-- # SELECT INTO creates and fills a table
-- reads: recipe | writes: recipe_copy
select * into recipe_copy from recipe

-- # CREATE TABLE AS SELECT
-- reads: recipe | writes: recipe_copy
create table recipe_copy as select * from recipe where id < ?

-- # a view is written when defined and read by its own name
-- reads: recipe, ingredient | writes: recipe_summary
create or replace view recipe_summary as
select r.name, count(i.id) n from recipe r left join ingredient i on i.recipe_id = r.id group by r.name

-- # a view is a name like any table
-- reads: recipe_summary | writes:
select * from recipe_summary where n > ?

-- # ALTER TABLE ... RENAME TO: both names change what queries see
-- reads: | writes: recipe, dish
alter table recipe rename to dish

-- # H2: MERGE ... KEY, which JSqlParser does not take: a plain single-target write, named by the keyword scan
-- reads: | writes: food | fallback
merge into food key (name) values (?, ?)

-- # PostgreSQL: an operator JSqlParser does not know; the keyword scan still finds the tables
-- reads: recipe, recipe_tag | writes: | fallback
select * from recipe r join recipe_tag t on t.recipe_id = r.id where r.name ~~* ?

-- # PostgreSQL: EXPLAIN ANALYZE runs its statement; JSqlParser only takes EXPLAIN of a query
-- reads: | writes: recipe | unknown | fallback
explain analyze delete from recipe where id = ?

-- # LOCK is not a write
-- reads: | writes: | fallback
lock table recipe in exclusive mode

-- # JDBC escape for a stored procedure
-- reads: | writes: | unknown | reason: stored procedure call
{call refresh_totals(?)}

-- # CALL
-- reads: | writes: | unknown | reason: stored procedure call
call archive_recipes(?)

-- # SQL Server: EXEC
-- reads: | writes: | unknown | reason: stored procedure call
exec dbo.archive_recipes @days = 30

-- # PostgreSQL: DO runs code the scanner cannot look into
-- reads: | writes: | unknown | reason: anonymous code block
do $$ begin update recipe set name = upper(name); end $$

-- # two statements in one string: the parser would stop after the first
-- reads: recipe | writes: food
select * from recipe; delete from food where id = ?

-- # SQL Server: bracket quoting
-- reads: Recipe Notes, Food | writes:
select * from [dbo].[Recipe Notes] n join [Food] f on f.id = n.food_id

-- # SET TRANSACTION, which JSqlParser does not take, touches no table
-- reads: | writes: | fallback
set transaction isolation level serializable
