-- Statements that fool naive regular expressions: table names and write keywords inside string literals, comments,
-- quoted identifiers and longer words, and keywords that do not write. Every entry is also run through the keyword
-- scan alone (SqlCorpusTest.keywordScanIsNeverLessConservative), which must not be fooled either.
--
-- Format (see SqlCorpusTest): a line "-- reads: a, b | writes: c" starts an entry, optionally followed by
-- "| unknown", "| fallback", "| reason: text" and "| scan-misses"; the statement runs from the next line to the next
-- "-- reads:" or "-- #" line.

-- # a table name inside a literal
-- reads: recipe | writes:
select * from recipe where note = 'from food'

-- # a write inside a line comment
-- reads: recipe | writes:
select * from recipe -- update food
where id = ?

-- # a write inside a block comment
-- reads: recipe | writes:
/* delete from x */ select * from recipe

-- # an escaped quote does not end the literal
-- reads: recipe | writes:
select * from recipe where name = 'it''s from food; delete from food'

-- # PostgreSQL: a backslash-escaped quote in an E'' string (JSqlParser does not take it; the keyword scan does)
-- reads: recipe | writes: | fallback
select * from recipe where description like E'%\'from food; delete from food%'

-- # PostgreSQL: a dollar-quoted literal
-- reads: recipe | writes:
select $$delete from food$$ as text, id from recipe

-- # a quoted column named like a keyword
-- reads: recipe | writes:
select "from", "delete" from recipe

-- # words that contain write keywords are not write keywords
-- reads: recipe_log | writes:
select update_count, deleted, created_at, inserted_by from recipe_log

-- # table names that contain write keywords
-- reads: update_log, deleted_item | writes:
select * from update_log join deleted_item on deleted_item.id = update_log.item_id

-- # a trailing comment with a semicolon and a DROP
-- reads: recipe, ingredient | writes:
select * from recipe where id in (select recipe_id from ingredient) -- ; drop table food

-- # a quote inside a comment does not open a literal
-- reads: recipe, food | writes:
select * from recipe /* it's */ join food on food.id = recipe.id where recipe.name = ?

-- # comment markers inside literals do not open comments: the UNION must be seen
-- reads: food, recipe | writes:
select name from food where name = '/*' union select name from recipe where name = '*/'

-- # SELECT ... FOR UPDATE is not a write
-- reads: recipe | writes:
select * from recipe where name = ? for update

-- # MySQL: REPLACE() and TRUNCATE() are functions
-- reads: ingredient | writes:
select replace(unit, 'g', 'gram'), truncate(amount, 1) from ingredient

-- # an alias named like a table is not that table
-- reads: recipe | writes:
select food.name from recipe food

-- # an insert whose value is SQL
-- reads: | writes: recipe_log
insert into recipe_log (message) values ('update recipe set name = null; drop table food')
