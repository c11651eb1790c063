package io.querylens.demo.recipe;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/recipes}; the sizes are the columns' (see {@code schema.sql}). */
public record NewRecipe(
    @NotBlank @Size(max = 255) String name,
    @NotBlank @Size(max = 2000) String description,
    @NotBlank @Size(max = 4000) String instructions) {}
