package io.querylens.agent.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.recipes.RecipeRepositories.ProxyLike;
import com.example.recipes.RecipeRepositories.Recipes;
import io.querylens.annotations.CacheEvict;
import io.querylens.annotations.Cached;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Annotations read from class files: the class's own, and those of the interfaces it implements, at any depth. */
class AnnotatedMethodsTest {
  static class Own {
    @Cached(invalidateOnWrites = false)
    public Map<String, Integer> counts() {
      return Map.of();
    }

    @CacheEvict(value = "counts", allEntries = false)
    public static void reset() {}

    public String plain() {
      return "";
    }
  }

  private final AnnotatedMethods annotated = new AnnotatedMethods();

  @Test
  void ownAnnotationsComeWithTheirValuesAndStaticMethodsCount() throws IOException {
    List<AnnotatedMethods.Method> found = annotated.find(loader(), classFile(Own.class));
    assertEquals(2, found.size());
    AnnotatedMethods.Method counts = named(found, "counts");
    assertEquals(Own.class.getName(), counts.cached().declaringType());
    assertEquals(false, counts.cached().value("invalidateOnWrites", Boolean.class, true));
    assertEquals("()Ljava/util/Map<Ljava/lang/String;Ljava/lang/Integer;>;", counts.cached().signature());
    AnnotatedMethods.Method reset = named(found, "reset");
    assertTrue(reset.isStatic());
    assertNull(reset.cached());
    assertArrayEquals(new String[] {"counts"}, reset.evict().value("value", String[].class, null));
    assertEquals(false, reset.evict().value("allEntries", Boolean.class, true));
  }

  @Test
  void interfaceAnnotationsApplyToTheErasedImplementationsAtAnyDepth() throws IOException {
    List<AnnotatedMethods.Method> found = annotated.find(loader(), classFile(ProxyLike.class));
    AnnotatedMethods.Method byTitle = named(found, "byTitle");
    assertEquals(Recipes.class.getName(), byTitle.cached().declaringType());
    assertEquals(Map.of(), byTitle.cached().values(), "defaults are not in the class file");
    assertArrayEquals(new String[] {"byId", "titles"},
        named(found, "save").evict().value("value", String[].class, null));
    // findById(Long) is not the interface's findById(Object): only the erased bridge would match, and bridges are
    // never woven, as for Byte Buddy's matcher before.
    assertTrue(found.stream().noneMatch(method -> method.name().equals("findById")
        && method.descriptor().equals("(Ljava/lang/Long;)Ljava/util/Optional;")));
  }

  @Test
  void interfacesAndAnnotationsThemselvesHaveNothingToWeave() throws IOException {
    assertEquals(List.of(), annotated.find(loader(), classFile(Recipes.class)));
    assertEquals(List.of(), annotated.find(loader(), classFile(Cached.class)));
  }

  private static AnnotatedMethods.Method named(List<AnnotatedMethods.Method> found, String name) {
    return found.stream().filter(method -> method.name().equals(name)).findFirst().orElseThrow();
  }

  private static ClassLoader loader() {
    return AnnotatedMethodsTest.class.getClassLoader();
  }

  private static byte[] classFile(Class<?> type) throws IOException {
    try (InputStream in = type.getClassLoader().getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }
}
