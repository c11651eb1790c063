/**
 * The cookbook: {@link io.querylens.demo.recipe.Recipe}, {@link io.querylens.demo.recipe.Food} and
 * {@link io.querylens.demo.recipe.Ingredient} with lazy associations; a read-only service that maps them to DTOs
 * naively (one query per recipe and per food: the N+1 the agent must flag), with a fetch join (one query) or through
 * the agent's Redis cache ({@code @Cached} on the repository: one query on a miss, none on a hit); the writes, JPA
 * ({@code RecipeEditor}) and hand-written SQL ({@code FoodRenamer}), which name no cache: the agent invalidates what
 * they change; and the JSON and HTML endpoints on top.
 */
package io.querylens.demo.recipe;
