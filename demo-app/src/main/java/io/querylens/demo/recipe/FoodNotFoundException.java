package io.querylens.demo.recipe;

/** A write named a food id that does not exist; the API answers 404. */
public class FoodNotFoundException extends RuntimeException {

  public FoodNotFoundException(long id) {
    super("There is no food " + id + ".");
  }
}
