package io.querylens.demo.recipe;

/** A write named a recipe id that does not exist; the API answers 404. */
public class RecipeNotFoundException extends RuntimeException {

  public RecipeNotFoundException(long id) {
    super("There is no recipe " + id + ".");
  }
}
