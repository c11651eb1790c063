package io.querylens.agent.cache.codec;

import com.fasterxml.jackson.databind.AnnotationIntrospector;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.lang.reflect.Modifier;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TimeZone;
import java.util.UUID;

/**
 * The shape of a declared type as the codec writes it, as text and as a short fingerprint, and the positions in it that
 * the codec cannot round-trip.
 *
 * <p>The text names the type and its generic arguments and, for each application class (bean or record) reached, its
 * serialized property names and their types, sorted by name; for each enum, its constants. It is built from names
 * only, never identity hash codes or declaration order, so the same classes give the same text in every JVM. A class
 * met a second time is written as a back reference ({@code #3}, the third class described), which keeps recursive types
 * finite and shared ones linear. JDK types ({@code String}, {@code java.time}, {@code UUID}...) contribute only their
 * names: their encoding is Jackson's, covered by {@link #FORMAT_VERSION}.
 *
 * <p>The fingerprint is the first 48 bits of the SHA-256 of the text, in hex. The engine puts it in the key, so an entry
 * written before a class gained, lost, renamed or retyped a field is simply never found again.
 *
 * <p>Positions that cannot round-trip without type information, which the codec never writes: {@code Object}, abstract
 * classes and interfaces other than collections, maps and Spring Data's {@code Page} and {@code Slice} (what would
 * {@code Number} or {@code Shape} decode into?), and {@code Class}. A type with such a position is refused as a whole,
 * with the first few positions named.
 */
final class TypeShape {
  /** Part of every fingerprint: bump it whenever the JSON the codec writes for the same class changes. */
  static final int FORMAT_VERSION = 1;

  /** Abstract JDK types that Jackson reads back as an equal value, whatever the subclass. */
  private static final Set<Class<?>> EXACT_ABSTRACT_TYPES =
      Set.of(ZoneId.class, TimeZone.class, Path.class, Charset.class);

  /** java.time map keys that jackson-datatype-jsr310 writes and reads back exactly; see CacheCodecRoundTripTest. */
  private static final Set<Class<?>> EXACT_TIME_KEYS = Set.of(Instant.class, LocalDate.class, LocalDateTime.class,
      LocalTime.class, OffsetDateTime.class, OffsetTime.class, ZonedDateTime.class, Duration.class, Period.class,
      Year.class, YearMonth.class, MonthDay.class, ZoneId.class, ZoneOffset.class);

  private static final int MAX_DEPTH = 64;
  private static final int MAX_PROBLEMS = 3;

  private final SerializationConfig config;
  private final StringBuilder text = new StringBuilder();
  private final Map<JavaType, Integer> described = new HashMap<>();
  private final List<String> problems = new ArrayList<>();

  private TypeShape(SerializationConfig config) {
    this.config = config;
  }

  static TypeShape of(JavaType type, SerializationConfig config) {
    TypeShape shape = new TypeShape(config);
    shape.describe(type, type.getRawClass().getSimpleName(), 0);
    return shape;
  }

  /** The canonical text; for tests and for debugging a changed fingerprint. */
  String text() {
    return text.toString();
  }

  String fingerprint() {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      sha256.update(("querylens-cache-codec/" + FORMAT_VERSION + "\n").getBytes(StandardCharsets.UTF_8));
      byte[] digest = sha256.digest(text().getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(12);
      for (int i = 0; i < 6; i++) {
        hex.append(Character.forDigit((digest[i] >> 4) & 0xf, 16)).append(Character.forDigit(digest[i] & 0xf, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }

  /** Why this type cannot be cached, or {@code null} if it can. */
  String problem() {
    return problems.isEmpty() ? null : String.join("; ", problems);
  }

  /** JDK classes: their JSON is Jackson's built-in one and their fields are not ours to read. */
  static boolean isPlatformClass(Class<?> type) {
    String name = type.getName();
    return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
        || name.startsWith("sun.") || name.startsWith("com.sun.");
  }

  private void describe(JavaType type, String where, int depth) {
    Class<?> raw = type.getRawClass();
    if (depth > MAX_DEPTH) {
      text.append('…');
      problem(where, "the type nests deeper than " + MAX_DEPTH + " levels");
      return;
    }
    if (raw.isPrimitive()) {
      text.append(raw.getName());
      return;
    }
    if (type.isArrayType()) {
      text.append('[');
      describe(type.getContentType(), where + "[]", depth + 1);
      return;
    }
    Integer seen = described.get(type);
    if (seen != null) {
      text.append('#').append(seen);
      return;
    }
    if (type.isMapLikeType()) {
      text.append(raw.getName()).append('<');
      Class<?> keyClass = type.getKeyType().getRawClass();
      if (!isExactMapKey(keyClass)) {
        problem(where + " key", keyClass.getName() + " map keys would be written with toString() and could not be"
            + " read back as equal keys (keys may be strings, numbers, booleans, enums, java.time, UUID, Locale,"
            + " Currency)");
      }
      describe(type.getKeyType(), where + " key", depth + 1);
      text.append(',');
      describe(type.getContentType(), where + " value", depth + 1);
      text.append('>');
      return;
    }
    // Spring Data's Page and Slice: their own fields are fixed (SpringDataPages); only the element class can change.
    if (type.isCollectionLikeType() || raw == Optional.class || SpringDataDomain.isDeclarable(raw)) {
      text.append(raw.getName()).append('<');
      describe(type.containedTypeOrUnknown(0), where + " element", depth + 1);
      text.append('>');
      return;
    }
    if (raw == Class.class) {
      text.append(raw.getName());
      problem(where, CodecModule.CLASS_REFUSAL);
      return;
    }
    if (Enum.class.isAssignableFrom(raw) && raw != Enum.class) {
      describeEnum(type, raw.isEnum() ? raw : raw.getSuperclass());
      return;
    }
    if ((raw == Object.class || raw.isInterface() || Modifier.isAbstract(raw.getModifiers()))
        && !EXACT_ABSTRACT_TYPES.contains(raw)) {
      text.append(raw.getName());
      problem(where, "declared as " + type.toCanonical() + ", which has no concrete class to decode into (the cache"
          + " stores no type information)");
      return;
    }
    text.append(raw.getName());
    if (isPlatformClass(raw)) {
      describeTypeArguments(type, where, depth);
      return;
    }
    described.put(type, described.size());
    describeTypeArguments(type, where, depth);
    describeProperties(type, depth);
  }

  /** Whether Jackson writes map keys of this class as text that its key deserializer reads back as an equal key. */
  private static boolean isExactMapKey(Class<?> key) {
    return key == String.class || key == Boolean.class || key == Character.class || key == Byte.class
        || key == Short.class || key == Integer.class || key == Long.class || key == Float.class
        || key == Double.class || key == UUID.class || key == Locale.class || key == Currency.class
        || key.isEnum() || EXACT_TIME_KEYS.contains(key);
  }

  private void describeTypeArguments(JavaType type, String where, int depth) {
    int count = type.containedTypeCount();
    if (count == 0) {
      return;
    }
    text.append('<');
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        text.append(',');
      }
      describe(type.containedType(i), where + " type argument", depth + 1);
    }
    text.append('>');
  }

  private void describeProperties(JavaType type, int depth) {
    List<BeanPropertyDefinition> properties = new ArrayList<>(config.introspect(type).findProperties());
    properties.sort(Comparator.comparing(BeanPropertyDefinition::getName));
    text.append('{');
    for (BeanPropertyDefinition property : properties) {
      JavaType propertyType = property.getPrimaryType();
      if (!property.couldSerialize() || propertyType == null || isIgnoredType(propertyType.getRawClass())) {
        continue;
      }
      text.append(property.getName()).append(':');
      describe(propertyType, type.getRawClass().getSimpleName() + "." + property.getName(), depth + 1);
      text.append(';');
    }
    text.append('}');
  }

  private void describeEnum(JavaType type, Class<?> enumClass) {
    described.put(type, described.size());
    // Stored by name, so the order of the constants does not matter to old entries; their names do.
    List<String> names = new ArrayList<>();
    for (Object constant : enumClass.getEnumConstants()) {
      names.add(((Enum<?>) constant).name());
    }
    names.sort(null);
    text.append(enumClass.getName()).append('{').append(String.join(";", names)).append('}');
  }

  private boolean isIgnoredType(Class<?> raw) {
    AnnotationIntrospector introspector = config.getAnnotationIntrospector();
    return Boolean.TRUE.equals(introspector.isIgnorableType(config.introspectClassAnnotations(raw).getClassInfo()));
  }

  private void problem(String where, String reason) {
    if (problems.size() < MAX_PROBLEMS) {
      problems.add(where + ": " + reason);
    }
  }
}
