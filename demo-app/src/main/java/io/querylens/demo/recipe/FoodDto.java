package io.querylens.demo.recipe;

/** A food as {@code PUT /api/foods/{id}} returns it. */
public record FoodDto(long id, String name) {}
