package io.querylens.agent.cache.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Whatever is in Redis, decoding gives the declared type's value or a {@link CodecException}: never another exception,
 * never a partly built value, never an instance of a class the data names. And values the codec could not give back
 * faithfully are refused when they are encoded.
 */
class CacheCodecFailureTest {
  private final CacheCodec codec = new CacheCodec();

  enum Difficulty { EASY, HARD }

  record RecipeDto(long id, String name, int minutes, List<String> tags, Difficulty difficulty) {}

  record Node(String name, Node next) {}

  static class Animal {
    String name;
  }

  static final class Dog extends Animal {
    boolean goodBoy = true;
  }

  abstract static class Shape {}

  record HasObject(Object anything) {}

  record HasNumber(Number amount) {}

  record HasClass(Class<?> type) {}

  record Key(String a) {}

  /** Records whether it was ever initialised: the payloads below name it, and it must stay untouched. */
  static final class Gadget {
    static {
      GadgetWitness.FLAG.set(true);
    }

    Gadget() {
      GadgetWitness.FLAG.set(true);
    }
  }

  static final class GadgetWitness {
    static final AtomicBoolean FLAG = new AtomicBoolean();
  }

  private static final RecipeDto PANCAKES =
      new RecipeDto(1, "Pancakes", 20, List.of("breakfast", "sweet"), Difficulty.EASY);

  @Test
  void everyTruncationOfEveryValueIsDetected() throws Exception {
    List<Object[]> cases = List.of(
        new Object[] {List.of(PANCAKES), Types.method("listOfDtos")},
        new Object[] {123456789L, long.class},
        new Object[] {new BigDecimal("1234.5678"), BigDecimal.class},
        new Object[] {true, boolean.class},
        new Object[] {"text", String.class},
        new Object[] {null, String.class},
        new Object[] {Optional.of("x"), Types.method("optionalString")},
        new Object[] {LocalDate.of(2024, 1, 1), LocalDate.class});
    for (Object[] c : cases) {
      Type type = (Type) c[1];
      byte[] bytes = codec.encode(c[0], type);
      for (int length = 0; length < bytes.length; length++) {
        byte[] truncated = Arrays.copyOf(bytes, length);
        assertThrows(CodecException.class, () -> codec.decode(truncated, type),
            () -> new String(truncated, StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void corruptBytesAreCodecExceptions() throws Exception {
    Type type = Types.method("listOfDtos");
    List<String> corrupt = List.of("", "\n", "{\n", "[{]\n", "nul\n", "[1,2\n", "[{\"id\":1}] [2]\n", "]\n",
        "[{\"id\":1,\"id\"}]\n", "\u0000\u0001\n", "[{\"name\":\"\\uZZZZ\"}]\n");
    for (String text : corrupt) {
      assertThrows(CodecException.class, () -> codec.decode(text.getBytes(StandardCharsets.UTF_8), type), text);
    }
    assertThrows(CodecException.class, () -> codec.decode(new byte[] {(byte) 0xC3, (byte) 0x28, '\n'}, String.class));
    assertThrows(CodecException.class, () -> codec.decode(null, String.class));
    byte[] flipped = codec.encode(List.of(PANCAKES), type);
    flipped[0] = '{';
    assertThrows(CodecException.class, () -> codec.decode(flipped, type));
  }

  @Test
  void dataOfAnotherShapeIsACodecExceptionNotABestEffort() throws Exception {
    assertIncompatible("{\"id\":1,\"name\":\"x\",\"calories\":500}", RecipeDto.class); // unknown property
    assertIncompatible("{\"id\":\"one\"}", RecipeDto.class);
    assertIncompatible("{\"id\":1,\"minutes\":null}", RecipeDto.class); // null for a primitive
    assertIncompatible("{\"id\":1,\"difficulty\":\"MEDIUM\"}", RecipeDto.class);
    assertIncompatible("{\"id\":1,\"difficulty\":0}", RecipeDto.class);
    assertIncompatible("\"1\"", int.class); // no coercion from strings
    assertIncompatible("1.5", int.class);
    assertIncompatible("{}", Types.method("listOfDtos")); // object for list
    assertIncompatible("[\"a\"]", String.class);
    assertIncompatible("\"a\"", Types.method("listOfStrings")); // no single value as array
    assertIncompatible("[\"a\",\"b\"]", Types.method("optionalString")); // at most one
    assertIncompatible("[null]", Types.method("optionalString"));
    assertIncompatible("\"x\"", Types.method("optionalString"));
    assertIncompatible("\"2024-13-01\"", LocalDate.class);
    assertIncompatible("{\"a\":\"x\"}", Types.method("mapOfLongs"));
  }

  @Test
  void classNamesInTheDataAreNeverHonoured() throws Exception {
    String gadget = Gadget.class.getName();
    // Jackson's default-typing wrappers, array and object forms, and the usual property names.
    assertIncompatible("[\"java.util.ArrayList\",[{\"id\":1}]]", Types.method("listOfDtos"));
    assertIncompatible("[\"" + gadget + "\",{}]", RecipeDto.class);
    assertIncompatible("{\"@class\":\"" + gadget + "\",\"id\":1}", RecipeDto.class);
    assertIncompatible("{\"@type\":\"" + gadget + "\"}", RecipeDto.class);
    assertIncompatible("{\"name\":[\"" + gadget + "\",{}]}", RecipeDto.class);
    assertIncompatible("[{\"" + gadget + "\":{}}]", Types.method("listOfDtos"));
    assertIncompatible("\"" + gadget + "\"", Types.method("listOfStrings"));
    assertFalse(GadgetWitness.FLAG.get(), "a class named by stored data was initialised");
    // A string that happens to be a class name is just a string.
    assertEquals(List.of(gadget), codec.decode(("[\"" + gadget + "\"]\n").getBytes(StandardCharsets.UTF_8),
        Types.method("listOfStrings")));
    assertFalse(GadgetWitness.FLAG.get());
  }

  @Test
  void typesWithoutAConcreteClassToDecodeIntoAreRefused() throws Exception {
    assertRefused(Object.class, "java.lang.Object", "no concrete class");
    assertRefused(Types.method("listOfObjects"), "element", "java.lang.Object");
    assertRefused(Types.method("rawList"), "element", "java.lang.Object");
    assertRefused(HasObject.class, "HasObject.anything", "java.lang.Object");
    assertRefused(HasNumber.class, "HasNumber.amount", "java.lang.Number");
    assertRefused(Shape.class, "Shape", "no concrete class");
    assertRefused(CharSequence.class, "CharSequence", "no concrete class");
    assertRefused(Types.method("mapByObject"), "key", "java.lang.Object");
    assertRefused(Types.method("wildcard"), "element", "java.lang.Object");
    assertRefused(HasClass.class, "HasClass.type", "java.lang.Class");
    assertRefused(Types.method("mapByRecord"), "Key", "key");
  }

  @Test
  void aSubclassWhereItsSuperclassIsDeclaredIsRefusedRatherThanTruncated() throws Exception {
    CodecException e = assertThrows(CodecException.class, () -> codec.encode(new Dog(), Animal.class));
    assertTrue(e.getMessage().contains(Dog.class.getName()) && e.getMessage().contains("is declared"),
        e.getMessage());
    assertThrows(CodecException.class, () -> codec.encode(List.of(new Animal(), new Dog()),
        Types.method("listOfAnimals")));
    assertEquals(1, ((List<?>) codec.decode(codec.encode(List.of(new Animal()), Types.method("listOfAnimals")),
        Types.method("listOfAnimals"))).size());
  }

  @Test
  void cyclesAreRefusedWithTheirChain() {
    Parent parent = new Parent();
    Child child = new Child();
    child.parent = parent;
    parent.children = List.of(child);
    CodecException e = assertThrows(CodecException.class, () -> codec.encode(parent, Parent.class));
    assertTrue(e.getMessage().contains("Parent -> Child -> Parent"), e.getMessage());
    assertTrue(e.getMessage().contains("children"), e.getMessage());
  }

  static final class Parent {
    List<Child> children;
  }

  static final class Child {
    Parent parent;
  }

  @Test
  void deepNestingInTheDataIsBoundedNotAStackOverflow() {
    StringBuilder json = new StringBuilder();
    int depth = 100_000;
    for (int i = 0; i < depth; i++) {
      json.append("{\"name\":\"n\",\"next\":");
    }
    json.append("null");
    json.append("}".repeat(depth)).append('\n');
    CodecException e = assertThrows(CodecException.class,
        () -> codec.decode(json.toString().getBytes(StandardCharsets.UTF_8), Node.class));
    assertTrue(e.getMessage().contains("nesting depth"), e.getMessage());
  }

  @Test
  void hugeNumbersAreBounded() {
    String digits = "9".repeat(100_000) + "\n";
    assertThrows(CodecException.class, () -> codec.decode(digits.getBytes(StandardCharsets.UTF_8),
        BigDecimal.class));
  }

  @Test
  void messagesNameTheTypeAndTheCause() throws Exception {
    CodecException e = assertThrows(CodecException.class,
        () -> codec.decode("{\"id\":\"one\"}\n".getBytes(StandardCharsets.UTF_8), RecipeDto.class));
    assertTrue(e.getMessage().contains(RecipeDto.class.getName()), e.getMessage());
    assertTrue(e.getMessage().contains("\"one\""), e.getMessage());
    assertTrue(e.getMessage().contains("id"), e.getMessage());
    CodecException missing = assertThrows(CodecException.class, () -> codec.encode("x", null));
    assertTrue(missing.getMessage().contains("declared type"), missing.getMessage());
  }

  private void assertIncompatible(String json, Type type) {
    byte[] bytes = (json + "\n").getBytes(StandardCharsets.UTF_8);
    assertThrows(CodecException.class, () -> codec.decode(bytes, type), json);
  }

  private void assertRefused(Type type, String... messageParts) {
    CodecException onEncode = assertThrows(CodecException.class, () -> codec.encode(null, type), type::toString);
    CodecException onDecode = assertThrows(CodecException.class,
        () -> codec.decode("null\n".getBytes(StandardCharsets.UTF_8), type), type::toString);
    for (String part : messageParts) {
      assertTrue(onEncode.getMessage().contains(part), onEncode.getMessage());
    }
    assertEquals(onEncode.getMessage(), onDecode.getMessage());
  }

  interface Types {
    List<RecipeDto> listOfDtos();

    List<String> listOfStrings();

    Optional<String> optionalString();

    Map<String, Long> mapOfLongs();

    List<Object> listOfObjects();

    @SuppressWarnings("rawtypes")
    List rawList();

    Map<Object, String> mapByObject();

    List<?> wildcard();

    Map<Key, String> mapByRecord();

    List<Animal> listOfAnimals();

    static Type method(String name) throws NoSuchMethodException {
      return Types.class.getMethod(name).getGenericReturnType();
    }
  }
}
