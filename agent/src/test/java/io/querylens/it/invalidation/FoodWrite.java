package io.querylens.it.invalidation;

import java.util.List;

/** One way of writing to the database, and the names {@code food} holds once it has returned. */
public record FoodWrite(String description, List<String> namesAfter, Action action) {
  public interface Action {
    void apply(FoodDatabase database, FoodJpa jpa) throws Exception;
  }

  public void applyTo(FoodDatabase database, FoodJpa jpa) throws Exception {
    action.apply(database, jpa);
  }

  @Override
  public String toString() {
    return description;
  }
}
