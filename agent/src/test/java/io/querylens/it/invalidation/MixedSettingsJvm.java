package io.querylens.it.invalidation;

import java.sql.Statement;
import java.util.List;

/**
 * Run in a JVM of its own, once per step, with the invalidation settings under test; every JVM has a database of
 * its own, so what a call returns shows whose rows it got. Prints one line per step; exits 2 if an entry it relies on
 * was never served.
 *
 * <ul>
 *   <li>{@code fill}: renames mirin to "old mirin" here only, then fills the entry with those rows.
 *   <li>{@code check}: calls once (the seed rows, unless it trusted an entry it should not have), waits until its
 *       own entry is served, renames mirin to "hon mirin" and calls again.
 *   <li>{@code serve}: calls once.
 * </ul>
 */
public final class MixedSettingsJvm {
  public static void main(String[] arguments) throws Exception {
    String step = arguments[0];
    String label = arguments[1];
    try (FoodDatabase database = FoodDatabase.create("mixed_settings")) {
      FoodNames names = new PlainJdbcFoodNames(database.dataSource());
      switch (step) {
        case "fill" -> {
          rename(database, "old mirin");
          servedOrExit(names, label);
          System.out.println("filled: " + names.names(label));
        }
        case "check" -> {
          List<String> first = names.names(label);
          System.out.println("first call: ran=" + (names.runs() == 1) + " names=" + first);
          servedOrExit(names, label);
          int runs = names.runs();
          rename(database, "hon mirin");
          List<String> after = names.names(label);
          System.out.println("after the write: ranAgain=" + (names.runs() > runs) + " names=" + after);
        }
        case "serve" -> {
          List<String> served = names.names(label);
          System.out.println("served: ran=" + (names.runs() > 0) + " names=" + served);
        }
        default -> throw new IllegalArgumentException(step);
      }
    }
  }

  private static void rename(FoodDatabase database, String mirin) throws Exception {
    Jdbc.autocommit(database.dataSource(), connection -> {
      try (Statement update = connection.createStatement()) {
        update.executeUpdate("update food set name = '" + mirin + "' where id = 2");
      }
    });
  }

  private static void servedOrExit(FoodNames names, String label) throws InterruptedException {
    if (!WriteAfterFillJvm.servedWithin100Calls(names, label)) {
      System.out.println("the entry was never served: caching is off in this JVM");
      System.exit(2);
    }
  }
}
