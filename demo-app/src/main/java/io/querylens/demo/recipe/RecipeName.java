package io.querylens.demo.recipe;

/** A recipe's id and name, all that {@code GET /api/recipes/names/cached} lists (and all it reads). */
public record RecipeName(long id, String name) {}
