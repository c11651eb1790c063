package io.querylens.agent.cache.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Date;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every shape a cached method may return comes back equal, decoded into its declared generic type. */
class CacheCodecRoundTripTest {
  private final CacheCodec codec = new CacheCodec();

  enum Difficulty { EASY, HARD }

  record RecipeDto(long id, String name, int minutes, List<String> tags, Difficulty difficulty) {}

  record Nested(String title, Map<String, List<RecipeDto>> byCategory, Optional<RecipeDto> featured) {}

  /** A mutable class with private fields, a private no-argument constructor and getters that compute things. */
  static final class Recipe {
    private Long id;
    private String name;
    private List<String> steps = new ArrayList<>();
    private Difficulty difficulty;

    private Recipe() {}

    Recipe(Long id, String name, List<String> steps, Difficulty difficulty) {
      this.id = id;
      this.name = name;
      this.steps = steps;
      this.difficulty = difficulty;
    }

    /** Never called by the codec: fields, not getters. */
    public String getName() {
      throw new AssertionError("the codec must not call getters");
    }

    public int getStepCount() {
      throw new AssertionError("the codec must not call getters");
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Recipe && java.util.Objects.equals(id, ((Recipe) o).id)
          && java.util.Objects.equals(name, ((Recipe) o).name) && steps.equals(((Recipe) o).steps)
          && difficulty == ((Recipe) o).difficulty;
    }

    @Override
    public int hashCode() {
      return java.util.Objects.hash(id, name);
    }
  }

  /** Immutable, with only an all-arguments constructor that normalises: the codec restores the fields as they were. */
  static final class Money {
    private final BigDecimal amount;
    private final Currency currency;

    Money(BigDecimal amount, Currency currency) {
      this.amount = amount.setScale(2);
      this.currency = currency;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Money && amount.equals(((Money) o).amount) && currency.equals(((Money) o).currency);
    }

    @Override
    public int hashCode() {
      return amount.hashCode();
    }
  }

  /** A generic holder, resolved from the declared type's arguments. */
  static final class Page<T> {
    private List<T> content;
    private long total;

    Page(List<T> content, long total) {
      this.content = content;
      this.total = total;
    }
  }

  static final class WithTransient {
    private String kept;
    private transient String computed;

    WithTransient(String kept, String computed) {
      this.kept = kept;
      this.computed = computed;
    }
  }

  static final class Everything {
    private int primitiveInt = 7;
    private long primitiveLong = Long.MAX_VALUE;
    private double primitiveDouble = 0.1;
    private float primitiveFloat = 1.5f;
    private boolean flag = true;
    private char letter = 'q';
    private byte small = -3;
    private short medium = 300;
    private Integer boxed = null;
    private BigInteger big = new BigInteger("123456789012345678901234567890");
    private BigDecimal decimal = new BigDecimal("1.50");
    private UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
    private Date date = new Date(1_700_000_000_123L);
    private byte[] bytes = {1, 2, 3};
    private OptionalInt optionalInt = OptionalInt.of(3);
    private OptionalLong optionalLong = OptionalLong.empty();
    private OptionalDouble optionalDouble = OptionalDouble.of(Double.NaN);
    private EnumSet<Difficulty> difficulties = EnumSet.of(Difficulty.HARD);
    private EnumMap<Difficulty, String> labels = new EnumMap<>(Map.of(Difficulty.EASY, "easy"));
  }

  private static final RecipeDto PANCAKES =
      new RecipeDto(1, "Pancakes", 20, List.of("breakfast", "sweet"), Difficulty.EASY);
  private static final RecipeDto CURRY = new RecipeDto(2, "Curry", 45, List.of("dinner"), Difficulty.HARD);

  @Test
  void genericList() throws Exception {
    Type type = Types.method("listOfDtos");
    List<RecipeDto> value = List.of(PANCAKES, CURRY);
    Object decoded = roundTrip(value, type);
    assertEquals(value, decoded);
    assertInstanceOf(RecipeDto.class, ((List<?>) decoded).get(0));
  }

  @Test
  void aValueEncodedBehindAHeaderIsTheSameBytesAfterIt() throws Exception {
    Type type = Types.method("listOfDtos");
    List<RecipeDto> value = List.of(PANCAKES, CURRY);
    byte[] header = "QL2 q=3 g=0\n".getBytes(StandardCharsets.UTF_8);
    byte[] alone = codec.encode(value, type);

    byte[] behind = codec.encode(value, type, header);

    assertEquals(new String(header, StandardCharsets.UTF_8) + new String(alone, StandardCharsets.UTF_8),
        new String(behind, StandardCharsets.UTF_8));
    assertEquals(value, codec.decode(behind, header.length, behind.length - header.length, type));
  }

  @Test
  void nestedGenerics() throws Exception {
    Map<String, List<RecipeDto>> value = new LinkedHashMap<>();
    value.put("sweet", List.of(PANCAKES));
    value.put("savoury", List.of(CURRY, PANCAKES));
    value.put("none", List.of());
    assertEquals(value, roundTrip(value, Types.method("mapOfLists")));
  }

  @Test
  void optionalPresentEmptyAndNullAreThreeDifferentThings() throws Exception {
    Type type = Types.method("optionalDto");
    assertEquals(Optional.of(PANCAKES), roundTrip(Optional.of(PANCAKES), type));
    assertEquals(Optional.empty(), roundTrip(Optional.empty(), type));
    assertNull(roundTrip(null, type));
    assertEquals("[]\n", new String(codec.encode(Optional.empty(), type), StandardCharsets.UTF_8));
    assertEquals("null\n", new String(codec.encode(null, type), StandardCharsets.UTF_8));
    Type nested = Types.method("optionalOfOptional");
    assertEquals(Optional.of(Optional.empty()), roundTrip(Optional.of(Optional.empty()), nested));
    assertEquals(Optional.empty(), roundTrip(Optional.empty(), nested));
  }

  @Test
  void recordsWithNestedGenericsAndOptionals() {
    Nested value = new Nested("menu", Map.of("all", List.of(PANCAKES, CURRY)), Optional.of(CURRY));
    assertEquals(value, roundTrip(value, Nested.class));
    Nested empty = new Nested(null, Map.of(), Optional.empty());
    assertEquals(empty, roundTrip(empty, Nested.class));
  }

  @Test
  void plainClassesAreCachedFieldByFieldWithoutCallingGetters() {
    Recipe value = new Recipe(5L, "Soup", List.of("boil", "stir"), Difficulty.EASY);
    assertEquals(value, roundTrip(value, Recipe.class));
    String json = new String(codec.encode(value, Recipe.class), StandardCharsets.UTF_8);
    assertTrue(!json.contains("stepCount"), json);
  }

  @Test
  void classesWithoutNoArgumentConstructorKeepTheirExactState() {
    Money value = new Money(new BigDecimal("3.5"), Currency.getInstance("EUR"));
    Money decoded = (Money) roundTrip(value, Money.class);
    assertEquals(value, decoded);
    assertEquals(new BigDecimal("3.50"), decoded.amount);
  }

  @Test
  void genericClassesResolveTheirTypeArgumentsFromTheDeclaration() throws Exception {
    Page<RecipeDto> value = new Page<>(List.of(PANCAKES), 41);
    @SuppressWarnings("unchecked")
    Page<RecipeDto> decoded = (Page<RecipeDto>) roundTrip(value, Types.method("page"));
    assertEquals(List.of(PANCAKES), decoded.content);
    assertEquals(41, decoded.total);
  }

  @Test
  void transientFieldsAreNotCached() {
    WithTransient decoded = (WithTransient) roundTrip(new WithTransient("a", "b"), WithTransient.class);
    assertEquals("a", decoded.kept);
    assertNull(decoded.computed);
  }

  @Test
  void arrays() {
    assertArrayEquals(new int[] {1, 2, 3}, (int[]) roundTrip(new int[] {1, 2, 3}, int[].class));
    assertArrayEquals(new long[0], (long[]) roundTrip(new long[0], long[].class));
    assertArrayEquals(new double[] {-0.0, Double.MIN_VALUE, Double.MAX_VALUE},
        (double[]) roundTrip(new double[] {-0.0, Double.MIN_VALUE, Double.MAX_VALUE}, double[].class));
    assertArrayEquals(new String[] {"a", null}, (String[]) roundTrip(new String[] {"a", null}, String[].class));
    assertArrayEquals(new RecipeDto[] {PANCAKES, CURRY},
        (RecipeDto[]) roundTrip(new RecipeDto[] {PANCAKES, CURRY}, RecipeDto[].class));
    assertArrayEquals(new byte[] {0, -1, 127}, (byte[]) roundTrip(new byte[] {0, -1, 127}, byte[].class));
    assertArrayEquals(new char[] {'a', 'é'}, (char[]) roundTrip(new char[] {'a', 'é'}, char[].class));
  }

  @Test
  void primitivesBoxedAndStrings() {
    assertEquals(42, roundTrip(42, int.class));
    assertEquals(42, roundTrip(42, Integer.class));
    assertEquals(Long.MIN_VALUE, roundTrip(Long.MIN_VALUE, long.class));
    assertEquals(true, roundTrip(true, boolean.class));
    assertEquals('x', roundTrip('x', char.class));
    assertEquals(0.1 + 0.2, roundTrip(0.1 + 0.2, double.class));
    assertEquals(Double.NaN, roundTrip(Double.NaN, Double.class));
    assertEquals(Float.NEGATIVE_INFINITY, roundTrip(Float.NEGATIVE_INFINITY, float.class));
    assertEquals("", roundTrip("", String.class));
    assertEquals("quote \" backslash \\ emoji \uD83C\uDF5D nul \0", roundTrip(
        "quote \" backslash \\ emoji \uD83C\uDF5D nul \0", String.class));
    assertNull(roundTrip(null, String.class));
    assertNull(roundTrip(null, Integer.class));
    assertEquals(new BigDecimal("1.50"), roundTrip(new BigDecimal("1.50"), BigDecimal.class));
  }

  @Test
  void everyScalarFieldKind() {
    Everything decoded = (Everything) roundTrip(new Everything(), Everything.class);
    Everything expected = new Everything();
    assertEquals(expected.primitiveInt, decoded.primitiveInt);
    assertEquals(expected.primitiveLong, decoded.primitiveLong);
    assertEquals(expected.primitiveDouble, decoded.primitiveDouble);
    assertEquals(expected.primitiveFloat, decoded.primitiveFloat);
    assertEquals(expected.flag, decoded.flag);
    assertEquals(expected.letter, decoded.letter);
    assertEquals(expected.small, decoded.small);
    assertEquals(expected.medium, decoded.medium);
    assertNull(decoded.boxed);
    assertEquals(expected.big, decoded.big);
    assertEquals(expected.decimal, decoded.decimal);
    assertEquals(expected.uuid, decoded.uuid);
    assertEquals(expected.date, decoded.date);
    assertArrayEquals(expected.bytes, decoded.bytes);
    assertEquals(expected.optionalInt, decoded.optionalInt);
    assertEquals(expected.optionalLong, decoded.optionalLong);
    assertEquals(expected.optionalDouble, decoded.optionalDouble);
    assertEquals(expected.difficulties, decoded.difficulties);
    assertEquals(expected.labels, decoded.labels);
  }

  @Test
  void setsAndSortedCollections() throws Exception {
    Set<RecipeDto> set = Set.of(PANCAKES, CURRY);
    assertEquals(set, roundTrip(set, Types.method("setOfDtos")));
    TreeSet<String> sorted = new TreeSet<>(List.of("b", "a", "c"));
    Object decodedSorted = roundTrip(sorted, Types.method("sortedSet"));
    assertEquals(sorted, decodedSorted);
    assertInstanceOf(TreeSet.class, decodedSorted);
    SortedMap<String, Integer> sortedMap = new TreeMap<>(Map.of("b", 2, "a", 1));
    assertInstanceOf(TreeMap.class, roundTrip(sortedMap, Types.method("sortedMap")));
  }

  @Test
  void mapKeysOfManyTypes() throws Exception {
    Map<Long, String> byId = Map.of(1L, "one", -2L, "minus two");
    assertEquals(byId, roundTrip(byId, Types.method("mapByLong")));
    Map<Difficulty, Integer> byEnum = Map.of(Difficulty.EASY, 1);
    assertEquals(byEnum, roundTrip(byEnum, Types.method("mapByEnum")));
    Map<LocalDate, UUID> byDate = Map.of(LocalDate.of(2024, 2, 29), UUID.randomUUID());
    assertEquals(byDate, roundTrip(byDate, Types.method("mapByDate")));
  }

  @Test
  void everyMapKeyTypeTheCodecAcceptsComesBackEqual() {
    List<Object> keys = List.of("k", true, 'c', (byte) 1, (short) 2, 3, 4L, 1.5f, -0.25, UUID.randomUUID(),
        Locale.CANADA_FRENCH, Currency.getInstance("JPY"), Difficulty.HARD,
        Instant.parse("2024-03-10T01:59:59.123456789Z"), LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 1, 2, 3, 4),
        LocalTime.of(1, 2, 3, 4), OffsetDateTime.of(2024, 6, 1, 12, 0, 0, 0, ZoneOffset.ofHours(2)),
        OffsetTime.of(1, 2, 3, 0, ZoneOffset.ofHours(-3)),
        ZonedDateTime.of(2024, 10, 27, 2, 30, 0, 0, ZoneId.of("Europe/Paris")), Duration.ofSeconds(90, 5),
        Period.ofDays(3), Year.of(1999), YearMonth.of(2024, 2), MonthDay.of(2, 29), ZoneId.of("Asia/Tokyo"),
        ZoneOffset.ofHours(9));
    for (Object key : keys) {
      Class<?> keyType = key instanceof ZoneId && !(key instanceof ZoneOffset) ? ZoneId.class : key.getClass();
      Map<Object, String> value = Map.of(key, "v");
      assertEquals(value, roundTrip(value, new MapOf(keyType)), keyType.getName());
    }
  }

  /** {@code Map<K, String>} for a key class known only at run time. */
  record MapOf(Type key) implements java.lang.reflect.ParameterizedType {
    @Override
    public Type[] getActualTypeArguments() {
      return new Type[] {key, String.class};
    }

    @Override
    public Type getRawType() {
      return Map.class;
    }

    @Override
    public Type getOwnerType() {
      return null;
    }
  }

  @Test
  void enums() {
    assertEquals(Difficulty.HARD, roundTrip(Difficulty.HARD, Difficulty.class));
    assertEquals("\"HARD\"\n", new String(codec.encode(Difficulty.HARD, Difficulty.class), StandardCharsets.UTF_8));
    assertNull(roundTrip(null, Difficulty.class));
  }

  @Test
  void javaTimeKeepsOffsetsZonesAndPrecision() {
    List<Object> values = List.of(
        Instant.parse("2024-03-10T01:59:59.123456789Z"),
        LocalDate.of(2024, 2, 29),
        LocalTime.of(23, 59, 59, 1),
        LocalDateTime.of(2024, 12, 31, 23, 59, 59, 999_999_999),
        OffsetDateTime.of(2024, 6, 1, 12, 0, 0, 0, ZoneOffset.ofHours(2)),
        ZonedDateTime.of(2024, 10, 27, 2, 30, 0, 0, ZoneId.of("Europe/Paris")),
        ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneId.of("UTC")),
        Duration.ofMillis(1500).plusNanos(7),
        Period.of(1, 2, 3),
        Year.of(2024),
        YearMonth.of(2024, 2),
        ZoneId.of("America/New_York"),
        ZoneOffset.ofHoursMinutes(5, 30));
    for (Object value : values) {
      Class<?> declared = value instanceof ZoneId && !(value instanceof ZoneOffset) ? ZoneId.class : value.getClass();
      assertEquals(value, roundTrip(value, declared), value.getClass().getSimpleName());
    }
    assertEquals("\"2024-02-29\"\n", new String(codec.encode(LocalDate.of(2024, 2, 29), LocalDate.class),
        StandardCharsets.UTF_8));
  }

  @Test
  void theJsonIsReadable() throws Exception {
    String json = new String(codec.encode(List.of(PANCAKES), Types.method("listOfDtos")), StandardCharsets.UTF_8);
    assertEquals("[{\"id\":1,\"name\":\"Pancakes\",\"minutes\":20,\"tags\":[\"breakfast\",\"sweet\"],"
        + "\"difficulty\":\"EASY\"}]\n", json);
  }

  @Test
  void theSameTypeIsResolvedOnce() throws Exception {
    Type first = Types.method("listOfDtos");
    Type second = Types.method("listOfDtos");
    assertTrue(first != second || first.equals(second));
    assertSame(codec.shapeOf(first), codec.shapeOf(second));
  }

  @Test
  void emptyObjectsAreValues() {
    assertEquals(Empty.class, roundTrip(new Empty(), Empty.class).getClass());
  }

  static final class Empty {}

  private Object roundTrip(Object value, Type type) {
    return codec.decode(codec.encode(value, type), type);
  }

  /** Declared generic return types, as the engine gets them from {@code Method.getGenericReturnType()}. */
  interface Types {
    List<RecipeDto> listOfDtos();

    Map<String, List<RecipeDto>> mapOfLists();

    Optional<RecipeDto> optionalDto();

    Optional<Optional<String>> optionalOfOptional();

    Page<RecipeDto> page();

    Set<RecipeDto> setOfDtos();

    java.util.SortedSet<String> sortedSet();

    SortedMap<String, Integer> sortedMap();

    Map<Long, String> mapByLong();

    Map<Difficulty, Integer> mapByEnum();

    Map<LocalDate, UUID> mapByDate();

    static Type method(String name) throws NoSuchMethodException {
      return Types.class.getMethod(name).getGenericReturnType();
    }
  }
}
