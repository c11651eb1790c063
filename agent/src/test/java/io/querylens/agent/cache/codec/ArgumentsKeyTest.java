package io.querylens.agent.cache.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Equal arguments give equal key bytes, whatever their iteration order or implementation; different ones never do. */
class ArgumentsKeyTest {
  private final CacheCodec codec = new CacheCodec();

  enum Color { RED, GREEN, BLUE { @Override public String toString() { return "blue!"; } } }

  enum Shade { RED }

  record Query(String name, int page, Set<String> tags, Color color) {}

  record Other(String name, int page, Set<String> tags, Color color) {}

  /** A plain class with private fields and identity equality: its fields, not its identity, make the key. */
  static final class Filter {
    private final String text;
    private final List<Integer> sizes;
    private transient int cachedHash = System.identityHashCode(this);

    Filter(String text, List<Integer> sizes) {
      this.text = text;
      this.sizes = sizes;
    }
  }

  static final class Cyclic {
    Cyclic self;
  }

  @Test
  void theTrickyCollisionsFromTheIssue() {
    assertDifferent(args("a,b"), args("a", "b"));
    assertDifferent(args(1), args("1"));
    assertDifferent(args((Object) null), args("null"));
    assertDifferent(args(List.of()), args((Object) null));
    assertDifferent(args(List.of()), args());
    assertDifferent(args((Object) null), args());
    assertDifferent(args(""), args());
    assertDifferent(args("\"a\",\"b\""), args("a", "b"));
    assertDifferent(args("a\\", "b"), args("a\\\",\"b"));
    assertDifferent(args("a=b"), args(Map.of("a", "b")));
  }

  @Test
  void numbersOfDifferentTypesDiffer() {
    List<Object[]> all = List.of(args(1), args(1L), args((short) 1), args((byte) 1), args(1.0), args(1.0f),
        args(BigInteger.ONE), args(BigDecimal.ONE), args(new BigDecimal("1.0")), args('1'), args("1"), args(true),
        args(OptionalInt.of(1)), args(Optional.of(1)), args(List.of(1)), args(Set.of(1)), args(new int[] {1}),
        args(new long[] {1}), args((Object) new Integer[] {1}));
    assertAllDifferent(all);
  }

  @Test
  void floatingPointIsExactAndStable() {
    assertDifferent(args(0.0), args(-0.0));
    assertDifferent(args(0.1 + 0.2), args(0.3));
    assertDifferent(args(Double.MIN_VALUE), args(0.0));
    assertDifferent(args(1.1f), args(1.1));
    assertKey("(0.1D,0.3F,NaND,-InfinityD,0.0000001D,1E-8D,123456789012345680000D)",
        keyText(args(0.1, 0.3f, Double.NaN, Double.NEGATIVE_INFINITY, 1e-7, 1e-8, 123456789012345678901.0)));
    for (double value : new double[] {Math.PI, Math.E, 1 / 3.0, 2e-3, 1e23, 8.41e21, 4.35, 0.1 + 0.7, 1e300}) {
      String text = keyText(args(value));
      double parsed = Double.parseDouble(text.substring(1, text.length() - 2));
      assertEquals(value, parsed, text);
    }
  }

  @Test
  void enumsDifferFromTheirNamesAndFromOtherEnums() {
    assertDifferent(args(Color.RED), args("RED"));
    assertDifferent(args(Color.RED), args(Shade.RED));
    assertKey("(<" + Color.class.getName() + ">\"BLUE\")", keyText(args(Color.BLUE))); // constant body: same class
  }

  @Test
  void setsAndMapsDoNotDependOnIterationOrder() {
    Set<String> hashSet = new HashSet<>();
    Set<String> linkedSet = new LinkedHashSet<>();
    List<String> words = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      words.add("w" + (i * 7919 % 1000));
    }
    hashSet.addAll(words);
    Collections.reverse(words);
    linkedSet.addAll(words);
    assertSame(args(hashSet), args(linkedSet));
    assertSame(args(hashSet), args(new TreeSet<>(words)));
    assertSame(args(Set.copyOf(words)), args(hashSet));

    Map<Object, Object> hashMap = new HashMap<>();
    Map<Object, Object> linkedMap = new LinkedHashMap<>();
    for (int i = 0; i < 100; i++) {
      hashMap.put("k" + i, i);
    }
    for (int i = 99; i >= 0; i--) {
      linkedMap.put("k" + i, i);
    }
    assertSame(args(hashMap), args(linkedMap));
    assertSame(args(hashMap), args(new TreeMap<>(hashMap)));
    assertDifferent(args(Map.of("a", 1)), args(Map.of("a", 1L)));
    assertDifferent(args(Map.of("a", 1, "b", 2)), args(Map.of("a", 2, "b", 1)));
  }

  @Test
  void theThirdProbeLineDoesNotDependOnHashOrder() {
    Object[] probe = StabilityProbe.arguments().get(2);
    Set<?> strings = (Set<?>) probe[0];
    Map<?, ?> entries = (Map<?, ?>) probe[1];
    List<Object> reversedStrings = new ArrayList<>(strings);
    Collections.reverse(reversedStrings);
    Map<Object, Object> reversedEntries = new LinkedHashMap<>();
    List<Object> keys = new ArrayList<>(entries.keySet());
    Collections.reverse(keys);
    keys.forEach(key -> reversedEntries.put(key, entries.get(key)));
    assertSame(probe, args(new LinkedHashSet<>(reversedStrings), reversedEntries));
  }

  @Test
  void listsAreOrderedAndEqualWhateverTheirImplementation() {
    assertSame(args(List.of(1, 2)), args(new ArrayList<>(List.of(1, 2))));
    assertSame(args(List.of(1, 2)), args(new LinkedList<>(List.of(1, 2))));
    assertSame(args(List.of(1, 2)), args(Arrays.asList(1, 2)));
    assertDifferent(args(List.of(1, 2)), args(List.of(2, 1)));
    assertDifferent(args(List.of(1, 2)), args(Set.of(1, 2)));
    assertDifferent(args(List.of(1, 2)), args(new ArrayDeque<>(List.of(1, 2))));
    assertDifferent(args(List.of(List.of(1), 2)), args(List.of(1, List.of(2))));
    assertDifferent(args(List.of("a", "b")), args(List.of("a,b")));
  }

  @Test
  void recordsAndPlainClassesAreEncodedByTheirFieldsSortedByName() {
    Query query = new Query("soup", 2, Set.of("hot", "quick"), Color.GREEN);
    assertSame(args(query), args(new Query("soup", 2, new TreeSet<>(Set.of("quick", "hot")), Color.GREEN)));
    assertDifferent(args(query), args(new Other("soup", 2, Set.of("hot", "quick"), Color.GREEN)));
    assertDifferent(args(query), args(new Query("soup", 3, Set.of("hot", "quick"), Color.GREEN)));
    assertDifferent(args(query), args(new Query(null, 2, Set.of("hot", "quick"), Color.GREEN)));
    assertKey("(<" + Query.class.getName() + ">{\"color\"=<" + Color.class.getName() + ">\"GREEN\",\"name\"=\"soup\","
        + "\"page\"=2,\"tags\"=S[\"hot\",\"quick\"]})", keyText(args(query)));

    assertSame(args(new Filter("x", List.of(1, 2))), args(new Filter("x", List.of(1, 2))));
    assertDifferent(args(new Filter("x", List.of(1, 2))), args(new Filter("x", List.of(1))));
    assertTrue(!keyText(args(new Filter("x", List.of()))).contains("cachedHash"));
  }

  @Test
  void valueTypesHaveStableTexts() {
    UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    assertKey("(<java.util.UUID>\"123e4567-e89b-12d3-a456-426614174000\")", keyText(args(uuid)));
    assertKey("(<java.time.Instant>\"1970-01-01T00:00:00.000000001Z\")", keyText(args(Instant.ofEpochSecond(0, 1))));
    assertKey("(<java.time.Duration>\"PT1M30S\")", keyText(args(Duration.ofSeconds(90))));
    assertKey("(<java.nio.file.Path>\"/tmp/x\")", keyText(args(Path.of("/tmp/x"))));
    assertDifferent(args(LocalDate.of(2024, 1, 1)), args("2024-01-01"));
    assertDifferent(args(ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneId.of("UTC"))),
        args(ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneId.of("Z"))));
    assertDifferent(args(new java.sql.Timestamp(1000)), args(new java.util.Date(1000)));
    java.sql.Timestamp nanos = new java.sql.Timestamp(1000);
    nanos.setNanos(5);
    assertDifferent(args(new java.sql.Timestamp(1000)), args(nanos));
  }

  @Test
  void optionalsAndNulls() {
    assertDifferent(args(Optional.empty()), args((Object) null));
    assertDifferent(args(Optional.empty()), args(Optional.of("")));
    assertDifferent(args(Optional.of(Optional.empty())), args(Optional.empty()));
    assertDifferent(args(OptionalInt.empty()), args(Optional.empty()));
    assertKey("(null,O[],O[\"x\"])", keyText(args(null, Optional.empty(), Optional.of("x"))));
  }

  @Test
  void stringsAreEncodedLosslessly() {
    assertDifferent(args("\uD800"), args("?"));
    assertDifferent(args("\uD800"), args("\uFFFD"));
    assertDifferent(args("a\u0000"), args("a"));
    assertDifferent(args("é"), args("e\u0301"));
    assertKey("(\"tab\\u0009 quote\\\" backslash\\\\ \\ud83c\\udf5d\")", keyText(args("tab\t quote\" backslash\\ \uD83C\uDF5D")));
  }

  @Test
  void whatHasNoCanonicalFormIsRefused() {
    assertRefused(Stream.of(1), "Argument 0");
    assertRefused(List.of(1).iterator(), "ListItr");
    assertRefused(new ByteArrayInputStream(new byte[0]), "ByteArrayInputStream");
    assertRefused(new AtomicInteger(), "AtomicInteger");
    assertRefused(new StringBuilder("x"), "StringBuilder");
    Supplier<String> lambda = () -> "x";
    assertRefused(lambda, "lambda");
    assertRefused(List.of(Stream.empty()), "ReferencePipeline");
    Cyclic cyclic = new Cyclic();
    cyclic.self = cyclic;
    assertRefused(cyclic, "contains itself");
    List<Object> selfList = new ArrayList<>();
    selfList.add(selfList);
    assertRefused(selfList, "contains itself");
  }

  @Test
  void deepButFiniteNestingIsBounded() {
    Object nested = "leaf";
    for (int i = 0; i < 100; i++) {
      nested = List.of(nested);
    }
    Object deep = nested;
    assertRefused(deep, "deeper than 64");
  }

  @Test
  void keysArePinnedAndTheSameInEveryJvm() {
    List<String> keys = StabilityProbe.keys(codec);
    List<String> expected = StabilityProbe.expectedKeys();
    assertEquals(expected.get(0), keys.get(0));
    assertEquals(expected.get(1), keys.get(1));
    assertEquals(expected.get(2), keys.get(3));
    assertEquals(expected.get(3), keys.get(4));
  }

  @Test
  void noArgumentsAndNullArrayAreTheSame() {
    assertArrayEquals(codec.argumentsKey(new Object[0]), codec.argumentsKey(null));
    assertKey("()", keyText(args()));
  }

  private static Object[] args(Object... arguments) {
    return arguments;
  }

  private String keyText(Object[] arguments) {
    return new String(codec.argumentsKey(arguments), StandardCharsets.UTF_8);
  }

  private void assertKey(String expected, String actual) {
    assertEquals(expected, actual);
  }

  private void assertSame(Object[] a, Object[] b) {
    assertArrayEquals(codec.argumentsKey(a), codec.argumentsKey(b), () -> keyText(a) + " vs " + keyText(b));
  }

  private void assertDifferent(Object[] a, Object[] b) {
    if (Arrays.equals(codec.argumentsKey(a), codec.argumentsKey(b))) {
      fail("same key for different arguments: " + keyText(a));
    }
  }

  private void assertAllDifferent(List<Object[]> all) {
    Set<String> seen = new HashSet<>();
    for (Object[] arguments : all) {
      assertTrue(seen.add(keyText(arguments)), () -> "collision: " + keyText(arguments));
    }
  }

  private void assertRefused(Object argument, String messagePart) {
    CodecException e = assertThrows(CodecException.class, () -> codec.argumentsKey(args(argument)));
    assertTrue(e.getMessage().contains(messagePart), e.getMessage());
  }
}
