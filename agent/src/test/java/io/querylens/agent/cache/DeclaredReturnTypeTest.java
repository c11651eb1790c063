package io.querylens.agent.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

class DeclaredReturnTypeTest {
  @SuppressWarnings("unused")
  interface Signatures<T> {
    Object anything();

    List<?> someList();

    List<? super Integer> lowerBound();

    T typeVariable();

    Map<String, Object> properties();

    Object[] objects();

    List<? extends Number> numbers();

    Optional<String> name();

    List<Map<String, int[]>> nested();
  }

  @Test
  void typesWithNoClassToDecodeIntoAreNamedWithTheReason() {
    assertEquals("its return type java.lang.Object is Object, which names no class to decode into", why("anything"));
    assertTrue(why("someList").contains("the wildcard ?"), why("someList"));
    assertTrue(why("lowerBound").contains("the wildcard ? super java.lang.Integer"), why("lowerBound"));
    assertTrue(why("typeVariable").contains("is the type variable T"), why("typeVariable"));
    assertTrue(why("properties").contains("has Object in it"), why("properties"));
    assertTrue(why("objects").contains("has Object in it"), why("objects"));
  }

  @Test
  void concreteTypesAndUpperBoundedWildcardsAreLeftToTheCodec() {
    assertNull(why("numbers"));
    assertNull(why("name"));
    assertNull(why("nested"));
  }

  private static String why(String method) {
    return DeclaredReturnType.whyNeverServable(TypeDescription.ForLoadedType.of(Signatures.class)
        .getDeclaredMethods().filter(net.bytebuddy.matcher.ElementMatchers.named(method)).getOnly()
        .getReturnType());
  }
}
