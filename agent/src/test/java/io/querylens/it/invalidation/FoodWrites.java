package io.querylens.it.invalidation;

import static io.querylens.it.invalidation.FoodDatabase.SEED;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The writes of the invalidation matrix, by every path an application takes to the database. */
final class FoodWrites {
  static final List<String> RENAMED = List.of("soy sauce", "hon mirin", "sake");
  static final List<String> ADDED = List.of("soy sauce", "mirin", "sake", "dashi");
  static final List<String> REMOVED = List.of("soy sauce", "mirin");

  private FoodWrites() {}

  /** Committed writes to {@code food}: every entry that read it is stale afterwards. */
  static List<FoodWrite> changingFood() {
    return List.of(
        new FoodWrite("JPA persist, committed", ADDED,
            (db, jpa) -> jpa.commit(em -> em.persist(new Food(4, "dashi")))),
        new FoodWrite("JPA merge of a detached entity, committed", RENAMED,
            (db, jpa) -> jpa.commit(em -> em.merge(new Food(2, "hon mirin")))),
        new FoodWrite("JPA dirty checking of a managed entity, committed", RENAMED,
            (db, jpa) -> jpa.commit(em -> em.find(Food.class, 2).rename("hon mirin"))),
        new FoodWrite("JPA remove, committed", REMOVED,
            (db, jpa) -> jpa.commit(em -> em.remove(em.find(Food.class, 3)))),
        new FoodWrite("JPQL bulk update, committed", RENAMED,
            (db, jpa) -> jpa.commit(em -> em.createQuery("update Food f set f.name = :name where f.id = :id")
                .setParameter("name", "hon mirin").setParameter("id", 2).executeUpdate())),
        new FoodWrite("JPA native update, committed", RENAMED,
            (db, jpa) -> jpa.commit(em -> em.createNativeQuery("update food set name = 'hon mirin' where id = 2")
                .executeUpdate())),
        new FoodWrite("JdbcTemplate update, autocommit", RENAMED,
            (db, jpa) -> new JdbcTemplate(db.dataSource())
                .update("update food set name = ? where id = ?", "hon mirin", 2)),
        new FoodWrite("JdbcTemplate batchUpdate, autocommit", REMOVED,
            (db, jpa) -> new JdbcTemplate(db.dataSource()).batchUpdate("delete from food where id = ?",
                List.of(new Object[] {3}, new Object[] {99}))),
        new FoodWrite("JdbcTemplate update in a Spring transaction, committed", RENAMED,
            (db, jpa) -> springTransaction(db).executeWithoutResult(status -> new JdbcTemplate(db.dataSource())
                .update("update food set name = ? where id = ?", "hon mirin", 2))),
        new FoodWrite("PreparedStatement.executeUpdate, autocommit", RENAMED,
            (db, jpa) -> Jdbc.autocommit(db.dataSource(), connection -> {
              try (PreparedStatement update = connection.prepareStatement("update food set name = ? where id = ?")) {
                update.setString(1, "hon mirin");
                update.setInt(2, 2);
                update.executeUpdate();
              }
            })),
        new FoodWrite("Statement.executeUpdate, autocommit", RENAMED,
            (db, jpa) -> Jdbc.autocommit(db.dataSource(), connection -> {
              try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("update food set name = 'hon mirin' where id = 2");
              }
            })),
        new FoodWrite("Statement.execute, autocommit", RENAMED,
            (db, jpa) -> Jdbc.autocommit(db.dataSource(), connection -> {
              try (Statement statement = connection.createStatement()) {
                statement.execute("update food set name = 'hon mirin' where id = 2");
              }
            })),
        new FoodWrite("PreparedStatement batch, autocommit", ADDED,
            (db, jpa) -> Jdbc.autocommit(db.dataSource(), connection -> {
              try (PreparedStatement insert = connection.prepareStatement("insert into food (id, name) values (?, ?)")) {
                insert.setInt(1, 4);
                insert.setString(2, "dashi");
                insert.addBatch();
                insert.executeBatch();
              }
            })),
        new FoodWrite("Statement batch in a transaction, committed", List.of("soy sauce", "hon mirin"),
            (db, jpa) -> Jdbc.commit(db.dataSource(), connection -> {
              try (Statement statement = connection.createStatement()) {
                statement.addBatch("update food set name = 'hon mirin' where id = 2");
                statement.addBatch("delete from food where id = 3");
                statement.executeBatch();
              }
            })),
        new FoodWrite("PreparedStatement in a JDBC transaction, committed", RENAMED,
            (db, jpa) -> Jdbc.commit(db.dataSource(), connection -> {
              try (PreparedStatement update = connection.prepareStatement("update food set name = ? where id = ?")) {
                update.setString(1, "hon mirin");
                update.setInt(2, 2);
                update.executeUpdate();
              }
            })),
        new FoodWrite("a transaction writing food_note and then food, committed", RENAMED,
            (db, jpa) -> Jdbc.commit(db.dataSource(), connection -> {
              try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("insert into food_note (id, note) values (1, 'renaming mirin')");
                statement.executeUpdate("update food set name = 'hon mirin' where id = 2");
              }
            })),
        new FoodWrite("UPDATE of a schema-qualified name", RENAMED,
            (db, jpa) -> Jdbc.autocommit(db.dataSource(), connection -> {
              try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("update public.food set name = 'hon mirin' where id = 2");
              }
            })),
        new FoodWrite("UPDATE of a quoted upper-case name (H2 folds unquoted names to upper case)", RENAMED,
            (db, jpa) -> Jdbc.autocommit(db.dataSource(), connection -> {
              try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("update \"FOOD\" set \"NAME\" = 'hon mirin' where \"ID\" = 2");
              }
            })),
        new FoodWrite("UPDATE inside SELECT FROM FINAL TABLE, through executeQuery", RENAMED,
            (db, jpa) -> Jdbc.autocommit(db.dataSource(), connection -> {
              try (Statement statement = connection.createStatement()) {
                statement.executeQuery("select name from final table (update food set name = 'hon mirin' where id = 2)")
                    .close();
              }
            })),
        new FoodWrite("a write, then a rollback to a later savepoint, committed", RENAMED,
            (db, jpa) -> Jdbc.commit(db.dataSource(), connection -> {
              try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("update food set name = 'hon mirin' where id = 2");
                Savepoint beforeNote = connection.setSavepoint();
                statement.executeUpdate("insert into food_note (id, note) values (1, 'never mind')");
                connection.rollback(beforeNote);
              }
            })),
        new FoodWrite("a write, then DDL (which commits it: H2, MySQL, Oracle), then rollback", RENAMED,
            (db, jpa) -> Jdbc.rollBack(db.dataSource(), connection -> {
              try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("update food set name = 'hon mirin' where id = 2");
                statement.execute("create table if not exists scratch (id int)");
              }
            })),
        new FoodWrite("MERGE INTO", RENAMED,
            (db, jpa) -> Jdbc.autocommit(db.dataSource(), connection -> {
              try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("merge into food (id, name) key (id) values (2, 'hon mirin')");
              }
            })),
        new FoodWrite("DELETE", REMOVED,
            (db, jpa) -> Jdbc.autocommit(db.dataSource(), connection -> {
              try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("delete from food where id = 3");
              }
            })),
        new FoodWrite("TRUNCATE TABLE", List.of(),
            (db, jpa) -> Jdbc.autocommit(db.dataSource(), connection -> {
              try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("truncate table food");
              }
            })),
        new FoodWrite("ALTER TABLE (DDL)", SEED,
            (db, jpa) -> Jdbc.autocommit(db.dataSource(), connection -> {
              try (Statement statement = connection.createStatement()) {
                statement.execute("alter table food add column if not exists origin varchar(50)");
              }
            })));
  }

  /** Writes whose target the agent cannot name: conservatively, they make every entry stale. */
  static List<FoodWrite> namingNoTable() {
    return List.of(
        new FoodWrite("CALL of a stored procedure", SEED,
            (db, jpa) -> Jdbc.autocommit(db.dataSource(), connection -> {
              try (Statement statement = connection.createStatement()) {
                statement.execute("call recalculate()");
              }
            })),
        new FoodWrite("{call} escape through a CallableStatement", SEED,
            (db, jpa) -> Jdbc.autocommit(db.dataSource(), connection -> {
              try (CallableStatement call = connection.prepareCall("{call recalculate()}")) {
                call.execute();
              }
            })));
  }

  /** Work that leaves the committed contents of {@code food} as they were: entries stay valid. */
  static List<FoodWrite> leavingFoodAsItWas() {
    return List.of(
        new FoodWrite("JDBC update, rolled back", SEED,
            (db, jpa) -> Jdbc.rollBack(db.dataSource(), connection -> {
              try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("update food set name = 'hon mirin' where id = 2");
              }
            })),
        new FoodWrite("JPA merge, flushed and rolled back", SEED,
            (db, jpa) -> jpa.rollBack(em -> em.merge(new Food(2, "hon mirin")))),
        new FoodWrite("JdbcTemplate update in a Spring transaction marked rollback-only", SEED,
            (db, jpa) -> springTransaction(db).executeWithoutResult(status -> {
              new JdbcTemplate(db.dataSource()).update("update food set name = ? where id = ?", "hon mirin", 2);
              status.setRollbackOnly();
            })),
        new FoodWrite("a failed INSERT (duplicate key), autocommit", SEED,
            (db, jpa) -> Jdbc.autocommit(db.dataSource(),
                connection -> Jdbc.failing(connection, "insert into food (id, name) values (1, 'duplicate')"))),
        new FoodWrite("a failed UPDATE (NOT NULL) in a transaction that then commits", SEED,
            (db, jpa) -> Jdbc.commit(db.dataSource(),
                connection -> Jdbc.failing(connection, "update food set name = null where id = 2"))),
        new FoodWrite("a write to another table, autocommit", SEED,
            (db, jpa) -> Jdbc.autocommit(db.dataSource(), connection -> {
              try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("insert into food_note (id, note) values (1, 'mirin is sweet')");
              }
            })),
        new FoodWrite("a write to another table in a transaction, committed", SEED,
            (db, jpa) -> Jdbc.commit(db.dataSource(), connection -> {
              try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("insert into food_note (id, note) values (1, 'mirin is sweet')");
              }
            })),
        new FoodWrite("INSERT INTO another table SELECT FROM food: food is only read", SEED,
            (db, jpa) -> Jdbc.autocommit(db.dataSource(), connection -> {
              try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("insert into food_note (id, note) select id, name from food");
              }
            })),
        new FoodWrite("a JDBC transaction that only reads, committed", SEED,
            (db, jpa) -> Jdbc.commit(db.dataSource(), connection -> {
              try (Statement statement = connection.createStatement()) {
                statement.executeQuery("select count(*) from food").close();
              }
            })),
        new FoodWrite("a JPA transaction that only reads, committed", SEED,
            (db, jpa) -> jpa.commit(em -> em.find(Food.class, 2).name())));
  }

  private static TransactionTemplate springTransaction(FoodDatabase db) {
    return new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
  }
}
