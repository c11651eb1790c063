package io.querylens.demo.recipe;

import org.springframework.data.jpa.repository.JpaRepository;

/** Ingredients; {@code RecipeEditor} inserts them one at a time (a recipe's own cascade only covers new recipes). */
interface IngredientRepository extends JpaRepository<Ingredient, Long> {}
