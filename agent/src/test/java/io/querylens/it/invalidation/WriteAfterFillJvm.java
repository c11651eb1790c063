package io.querylens.it.invalidation;

import java.sql.Statement;
import java.util.List;

/**
 * Run in a JVM of its own, with the agent arguments under test: fills an entry, waits until it is served, renames a
 * food with an autocommit UPDATE, calls again and prints one line saying whether the method ran again and what the
 * call returned. Exits 2 if the entry was never served (then the line proves nothing).
 */
public final class WriteAfterFillJvm {
  public static void main(String[] arguments) throws Exception {
    String label = arguments[0];
    try (FoodDatabase database = FoodDatabase.create("write_after_fill")) {
      FoodNames names = new PlainJdbcFoodNames(database.dataSource());
      if (!servedWithin100Calls(names, label)) {
        System.out.println("the entry was never served: caching is off in this JVM");
        System.exit(2);
      }
      int runs = names.runs();
      Jdbc.autocommit(database.dataSource(), connection -> {
        try (Statement update = connection.createStatement()) {
          update.executeUpdate("update food set name = 'hon mirin' where id = 2");
        }
      });
      List<String> after = names.names(label);
      System.out.println("after the write: ranAgain=" + (names.runs() > runs) + " names=" + after);
    }
  }

  static boolean servedWithin100Calls(FoodNames names, String label) throws InterruptedException {
    for (int attempt = 0; attempt < 100; attempt++) {
      int runs = names.runs();
      names.names(label);
      if (attempt > 0 && names.runs() == runs) {
        return true;
      }
      Thread.sleep(20);
    }
    return false;
  }
}
