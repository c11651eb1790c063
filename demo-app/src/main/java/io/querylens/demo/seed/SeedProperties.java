package io.querylens.demo.seed;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sample-data settings, under the {@code demo} prefix.
 *
 * @param generatedRecipes how many generated recipes to add besides the tutorial's two (default 50): enough that the
 *     naive listing's one-query-per-recipe is obvious in a report. Must not be negative.
 */
@ConfigurationProperties(prefix = "demo")
public record SeedProperties(@DefaultValue("50") int generatedRecipes) {

  public SeedProperties {
    if (generatedRecipes < 0) {
      throw new IllegalArgumentException("demo.generated-recipes must be 0 or more, was " + generatedRecipes);
    }
  }
}
