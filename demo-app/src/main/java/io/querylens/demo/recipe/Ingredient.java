package io.querylens.demo.recipe;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.math.BigDecimal;

/**
 * How much of one food goes into one recipe. Both associations are lazy, as they usually are in real applications
 * (JPA's eager default for {@code @ManyToOne} is the first thing teams switch off): reading {@link #getFood()}'s name
 * outside a fetch join costs one query per distinct food.
 */
@Entity
@Table(name = "ingredient")
public class Ingredient {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "recipe_id", nullable = false)
  private Recipe recipe;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "food_id", nullable = false)
  private Food food;

  @Column(nullable = false, precision = 8, scale = 2)
  private BigDecimal amount;

  @Column(nullable = false)
  private String unit;

  protected Ingredient() {
    // for JPA
  }

  Ingredient(Recipe recipe, Food food, BigDecimal amount, String unit) {
    this.recipe = recipe;
    this.food = food;
    this.amount = amount;
    this.unit = unit;
  }

  public Long getId() {
    return id;
  }

  public Recipe getRecipe() {
    return recipe;
  }

  public Food getFood() {
    return food;
  }

  public BigDecimal getAmount() {
    return amount;
  }

  public String getUnit() {
    return unit;
  }
}
