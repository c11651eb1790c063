package io.querylens.demo.recipe;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A recipe with its ingredients. Names are unique: seeding relies on it to stay idempotent across instances. */
@Entity
@Table(name = "recipe")
public class Recipe {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false, unique = true)
  private String name;

  @Column(nullable = false, length = 2000)
  private String description;

  @Column(nullable = false, length = 4000)
  private String instructions;

  // Lazy (the JPA default, spelled out): iterating it outside a fetch join is the "+N" of the N+1.
  // Ordered so the naive and the fetch-join endpoints return byte-identical JSON.
  @OneToMany(mappedBy = "recipe", fetch = FetchType.LAZY, cascade = CascadeType.PERSIST)
  @OrderBy("id")
  private List<Ingredient> ingredients = new ArrayList<>();

  protected Recipe() {
    // for JPA
  }

  public Recipe(String name, String description, String instructions) {
    this.name = name;
    this.description = description;
    this.instructions = instructions;
  }

  /** Adds an ingredient; it is inserted with the recipe (cascade). */
  public Ingredient addIngredient(Food food, BigDecimal amount, String unit) {
    Ingredient ingredient = new Ingredient(this, food, amount, unit);
    ingredients.add(ingredient);
    return ingredient;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public String getDescription() {
    return description;
  }

  public String getInstructions() {
    return instructions;
  }

  public List<Ingredient> getIngredients() {
    return Collections.unmodifiableList(ingredients);
  }
}
