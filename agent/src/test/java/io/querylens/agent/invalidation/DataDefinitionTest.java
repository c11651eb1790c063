package io.querylens.agent.invalidation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DataDefinitionTest {
  @Test
  void ddlIsRecognisedByItsFirstKeyword() {
    assertTrue(DataDefinition.is("ALTER TABLE food ADD COLUMN x int"));
    assertTrue(DataDefinition.is("  -- migrate\n/* v2 */ drop table food"));
    assertTrue(DataDefinition.is("truncate table food"));
    assertFalse(DataDefinition.is("update food set name = 'create'"));
    assertFalse(DataDefinition.is("insert into created values (1)"));
    assertFalse(DataDefinition.is(""));
  }

  @Test
  void creatingATableOrAnIndexChangesNoCachedResult() {
    assertTrue(DataDefinition.createsTableOrIndex("create table if not exists food (id bigint)"));
    assertTrue(DataDefinition.createsTableOrIndex("CREATE UNIQUE INDEX IF NOT EXISTS uk ON food (name)"));
    assertTrue(DataDefinition.createsTableOrIndex("create global temporary table scratch (id int)"));
    assertTrue(DataDefinition.createsTableOrIndex("create table copy as select * from food"));
    assertFalse(DataDefinition.createsTableOrIndex("create or replace view cheap_food as select * from food"));
    assertFalse(DataDefinition.createsTableOrIndex("create view v as select 1"));
    assertFalse(DataDefinition.createsTableOrIndex("drop table food"));
    assertFalse(DataDefinition.createsTableOrIndex("create"));
  }
}
