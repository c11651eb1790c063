package io.querylens.demo.recipe;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of {@code PUT /api/foods/{id}}: the food's new name, which fits the column ({@code schema.sql}). */
public record FoodRename(@NotBlank @Size(max = 255) String name) {}
