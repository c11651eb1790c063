package io.querylens.demo.recipe;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

/**
 * The body of {@code POST /api/recipes/{id}/ingredients}: a food by name (created if there is none yet), an amount
 * that fits the column ({@code numeric(8, 2)}) and a unit.
 */
public record NewIngredient(
    @NotBlank @Size(max = 255) String food,
    @NotNull @Positive @Digits(integer = 6, fraction = 2) BigDecimal amount,
    @NotBlank @Size(max = 255) String unit) {}
