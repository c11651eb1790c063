package io.querylens.it.invalidation;

import static io.querylens.it.invalidation.FoodDatabase.SEED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Automatic invalidation, write path by write path: a {@code @Cached} method reads {@code food} (through plain JDBC,
 * or through Hibernate), its entry is served, something writes, and the next call must either run the method again
 * and return the new rows (the write changed {@code food}, or named no table) or still be served (it did not).
 *
 * <p>All of it runs on one thread, outside any HTTP request, so the evidence is the method body's run counter and
 * the values returned.
 */
class InvalidationMatrixIT {
  @RegisterExtension
  static final SeededFoodDatabase food = new SeededFoodDatabase("invalidation_matrix");

  private static FoodDatabase database;
  private static FoodJpa jpa;

  /** The two ways the cached method reads {@code food}. */
  enum Reader {
    PLAIN_JDBC("plain JDBC") {
      @Override
      FoodNames over(FoodDatabase database, FoodJpa jpa) {
        return new PlainJdbcFoodNames(database.dataSource());
      }
    },
    HIBERNATE("Hibernate") {
      @Override
      FoodNames over(FoodDatabase database, FoodJpa jpa) {
        return new JpaFoodNames(jpa);
      }
    };

    private final String description;

    Reader(String description) {
      this.description = description;
    }

    abstract FoodNames over(FoodDatabase database, FoodJpa jpa);

    @Override
    public String toString() {
      return description;
    }
  }

  @BeforeAll
  static void startJpa() {
    database = food.database();
    jpa = FoodJpa.over(database.dataSource());
  }

  @AfterAll
  static void stopJpa() {
    jpa.close();
  }

  static Stream<Arguments> writesChangingFood() {
    return everyReaderWith(FoodWrites.changingFood());
  }

  static Stream<Arguments> writesNamingNoTable() {
    return everyReaderWith(FoodWrites.namingNoTable());
  }

  static Stream<Arguments> workLeavingFoodAsItWas() {
    return everyReaderWith(FoodWrites.leavingFoodAsItWas());
  }

  private static Stream<Arguments> everyReaderWith(List<FoodWrite> writes) {
    return Stream.of(Reader.values()).flatMap(reader -> writes.stream().map(write -> Arguments.of(reader, write)));
  }

  @ParameterizedTest(name = "{1}; read through {0}")
  @MethodSource("writesChangingFood")
  void aWriteToTheTableMakesTheNextCallFresh(Reader reader, FoodWrite write) throws Exception {
    FoodNames names = reader.over(database, jpa);
    String label = CacheEntries.servedEntry(names);
    long foodVersion = TableVersions.of("food");

    write.applyTo(database, jpa);

    assertEquals(write.namesAfter(), database.committedNames(), "the write itself did what it says");
    assertFresh(names, label, write);
    assertTrue(TableVersions.of("food") > foodVersion, "food's version moved on");
  }

  @ParameterizedTest(name = "{1}; read through {0}")
  @MethodSource("writesNamingNoTable")
  void aWriteThatNamesNoTableMakesEveryEntryStale(Reader reader, FoodWrite write) throws Exception {
    FoodNames names = reader.over(database, jpa);
    String label = CacheEntries.servedEntry(names);

    write.applyTo(database, jpa);

    assertFresh(names, label, write);
  }

  @ParameterizedTest(name = "{1}; read through {0}")
  @MethodSource("workLeavingFoodAsItWas")
  void workThatLeavesTheTableAsItWasKeepsTheEntry(Reader reader, FoodWrite work) throws Exception {
    FoodNames names = reader.over(database, jpa);
    String label = CacheEntries.servedEntry(names);
    long foodVersion = TableVersions.of("food");

    work.applyTo(database, jpa);

    assertEquals(SEED, database.committedNames(), "the work itself left food as it was");
    assertEquals(SEED, names.names(label));
    assertEquals(1, names.runs(), "still served from the cache after " + work);
    assertEquals(foodVersion, TableVersions.of("food"), "food's version did not move");
  }

  @Test
  void aMethodThatOptedOutKeepsServingItsEntryAfterAWrite() throws Exception {
    FoodNames lagging = new LaggingFoodNames(database.dataSource());
    String label = CacheEntries.servedEntry(lagging);

    food.renameMirin();

    assertEquals(SEED, lagging.names(label), "@Cached(invalidateOnWrites = false): the old rows until the TTL");
    assertEquals(1, lagging.runs());
  }

  /** The next call runs the method and returns the rows the write left; the entry it fills is served in turn. */
  private static void assertFresh(FoodNames names, String label, FoodWrite write) throws InterruptedException {
    assertEquals(write.namesAfter(), names.names(label), "the call after " + write);
    assertEquals(2, names.runs(), "the method ran again after " + write);
    CacheEntries.awaitServed(names, label, write.namesAfter());
  }
}
