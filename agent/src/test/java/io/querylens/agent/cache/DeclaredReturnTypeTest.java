package io.querylens.agent.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    return DeclaredReturnType.whyNeverServable(signature(method));
  }

  /** The method's generic signature, as the class file holds it. */
  private static String signature(String method) {
    String[] found = new String[1];
    try (java.io.InputStream in = Signatures.class.getResourceAsStream("DeclaredReturnTypeTest$Signatures.class")) {
      new net.bytebuddy.jar.asm.ClassReader(in).accept(new net.bytebuddy.jar.asm.ClassVisitor(
          net.bytebuddy.jar.asm.Opcodes.ASM9) {
        @Override
        public net.bytebuddy.jar.asm.MethodVisitor visitMethod(int access, String name, String descriptor,
            String signature, String[] exceptions) {
          if (name.equals(method)) {
            found[0] = signature != null ? signature : descriptor;
          }
          return null;
        }
      }, 0);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return found[0];
  }

  @Test
  void anUnreadableSignatureIsLeftToTheFirstCall() {
    assertNull(DeclaredReturnType.whyNeverServable("(Lbroken"));
  }
}
