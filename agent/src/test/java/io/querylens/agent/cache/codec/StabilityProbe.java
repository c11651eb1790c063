package io.querylens.agent.cache.codec;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Fixed types and arguments whose fingerprints and keys must be the same in every JVM. {@link ShapeOfTest} and {@link
 * ArgumentsKeyTest} pin them in this JVM; {@link CrossJvmStabilityTest} runs {@link #main} on another JDK and compares.
 */
public final class StabilityProbe {
  enum Difficulty { EASY, HARD }

  record Ingredient(String name, BigDecimal grams) {}

  record Recipe(long id, String title, List<Ingredient> ingredients, Difficulty difficulty,
      Map<String, Recipe> variants, Optional<Instant> published) {}

  interface Types {
    List<Recipe> recipes();

    Map<String, List<Recipe>> byCategory();

    Optional<Recipe> maybe();

    String text();

    int[] numbers();

    static Type method(String name) {
      try {
        return Types.class.getMethod(name).getGenericReturnType();
      } catch (NoSuchMethodException e) {
        throw new AssertionError(e);
      }
    }
  }

  static Map<String, String> shapes(CacheCodec codec) {
    Map<String, String> shapes = new LinkedHashMap<>();
    for (String method : List.of("recipes", "byCategory", "maybe", "text", "numbers")) {
      shapes.put(method, codec.shapeOf(Types.method(method)));
    }
    return shapes;
  }

  static Map<String, String> expectedShapes() {
    Map<String, String> shapes = new LinkedHashMap<>();
    shapes.put("recipes", "79b7b5fa7fa0");
    shapes.put("byCategory", "bc2dde058771");
    shapes.put("maybe", "3c2c47305dd0");
    shapes.put("text", "11fac59d3ed2");
    shapes.put("numbers", "17ec907e8850");
    return shapes;
  }

  /** Arguments whose encoding is easy to get wrong across JVMs: floating point, hash-ordered collections, time. */
  static List<Object[]> arguments() {
    Set<String> manyStrings = new HashSet<>();
    Map<Object, Object> manyEntries = new HashMap<>();
    for (int i = 0; i < 50; i++) {
      manyStrings.add("s" + i * 7919);
      manyEntries.put(i % 2 == 0 ? "k" + i : (Object) (long) i, List.of(i, "v" + i));
    }
    List<Object[]> arguments = new ArrayList<>();
    arguments.add(new Object[] {2e-3, 1e23, 8.41e21, 0.1 + 0.2, 5e-324, Double.MAX_VALUE, -0.0, Double.NaN, 100.0});
    arguments.add(new Object[] {1.1f, 3.4028235e38f, 1e-45f, -0.0f, 16777216f, 0.3f});
    arguments.add(new Object[] {manyStrings, manyEntries});
    arguments.add(new Object[] {new Recipe(7, "Soup", List.of(new Ingredient("salt", new BigDecimal("1.50"))),
        Difficulty.HARD, Map.of(), Optional.of(Instant.ofEpochSecond(1_700_000_000, 5)))});
    arguments.add(new Object[] {LocalDate.of(2024, 2, 29), ZonedDateTime.of(2024, 10, 27, 2, 30, 0, 0,
        ZoneId.of("Europe/Paris")), UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), "ünïcödé \uD83C\uDF5D"});
    return arguments;
  }

  static List<String> keys(CacheCodec codec) {
    List<String> keys = new ArrayList<>();
    for (Object[] arguments : arguments()) {
      keys.add(new String(codec.argumentsKey(arguments), StandardCharsets.UTF_8));
    }
    return keys;
  }

  /** The keys of {@link #arguments()}, except the third (hash-ordered collections), which is checked by reordering. */
  static List<String> expectedKeys() {
    String probe = StabilityProbe.class.getName();
    return List.of(
        "(0.002D,1E+23D,8.41E+21D,0.30000000000000004D,5E-324D,1.7976931348623157E+308D,-0D,NaND,100D)",
        "(1.1F,3.4028235E+38F,1E-45F,-0F,16777216F,0.3F)",
        "(<" + probe + "$Recipe>{\"difficulty\"=<" + probe + "$Difficulty>\"HARD\",\"id\"=7L,\"ingredients\"=L[<"
            + probe + "$Ingredient>{\"grams\"=1.50BD,\"name\"=\"salt\"}],\"published\"=O[<java.time.Instant>"
            + "\"2023-11-14T22:13:20.000000005Z\"],\"title\"=\"Soup\",\"variants\"=M{}})",
        "(<java.time.LocalDate>\"2024-02-29\",<java.time.ZonedDateTime>\"2024-10-27T02:30+02:00[Europe/Paris]\","
            + "<java.util.UUID>\"123e4567-e89b-12d3-a456-426614174000\",\"ünïcödé \\ud83c\\udf5d\")");
  }

  /** Prints the shapes and keys of this JVM, one per line, for {@link CrossJvmStabilityTest}. */
  public static void main(String[] args) {
    CacheCodec codec = new CacheCodec();
    shapes(codec).forEach((name, shape) -> System.out.println(name + "=" + shape));
    keys(codec).forEach(System.out::println);
  }
}
