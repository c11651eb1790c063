/**
 * The cookbook: {@link io.querylens.demo.recipe.Recipe}, {@link io.querylens.demo.recipe.Food} and
 * {@link io.querylens.demo.recipe.Ingredient} with lazy associations, a read-only service that maps them to DTOs
 * either naively (one query per recipe and per food: the N+1 the agent must flag) or with a fetch join (one query),
 * and the JSON and HTML endpoints on top.
 */
package io.querylens.demo.recipe;
