package io.querylens.agent.cache.codec;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.PropertyWriter;
import com.fasterxml.jackson.databind.ser.std.BeanSerializerBase;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.File;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Currency;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The canonical bytes of a method's arguments, for the cache key: equal arguments give equal bytes in every JVM, and
 * arguments that differ give different bytes.
 *
 * <p>This is not Jackson's JSON, because JSON alone would make {@code 1} and {@code 1L}, {@code "RED"} and {@code
 * Color.RED}, a list and a set, or two records with the same fields, the same key. It is a small typed text, UTF-8
 * encoded, readable in {@code redis-cli}:
 *
 * <pre>
 * arguments  ( value , value ... )                 ("a,b") and ("a","b") differ by construction
 * null       null
 * string     "text"     JSON escapes, and every surrogate escaped too, so any String is encoded losslessly
 * char       c"x"
 * boolean    true false
 * numbers    1 (int)  1L  1S  1B  1.5F  1.5D  10BI (BigInteger)  1.50BD (BigDecimal: scale kept, as equals does)
 * enum       &lt;com.example.Color&gt;"RED"
 * value type &lt;java.time.LocalDate&gt;"2024-05-01"   java.time, UUID, URI, Locale, Currency, Path, File, Pattern,
 *            Charset, Class, Date, Timestamp: the type and a stable text of the value
 * optional   O[] O[value]
 * list       L[value,...]        any List (ArrayList and List.of are equal lists, so they are equal here)
 * set        S[value,...]        elements sorted by their encoding, so iteration order does not matter
 * collection C[value,...]        other collections (queues, deques), in iteration order
 * map        M{key=value,...}    entries sorted by their encoding
 * map entry  E[key=value]        a JDK Map.Entry on its own
 * array      A&lt;int&gt;[value,...]
 * object     &lt;com.example.RecipeQuery&gt;{"name"=value,...}   records and classes: fields sorted by name
 * lazy ref   &lt;com.example.Recipe&gt;#5L   an uninitialised Hibernate proxy, by its identifier (never loaded)
 * </pre>
 *
 * <p>Every form starts differently and nests only through explicit delimiters, so the text of a list of arguments
 * determines the arguments. Objects contribute their fields as the value codec sees them (field access, application
 * annotations by name, Hibernate bookkeeping and uninitialised lazy collections left out), never {@code hashCode} or
 * {@code toString}. Doubles and floats are written as the shortest decimal that reads back as the same number, computed
 * with {@link BigDecimal} rather than {@link Double#toString}, whose output changed in Java 19.
 *
 * <p>Refused with a {@link CodecException}: JDK types with no value semantics (streams, iterators, atomics, builders,
 * connections...), lambdas and other hidden classes (no stable name), cycles, and nesting deeper than 64 levels.
 */
final class CanonicalArguments {
  private static final int MAX_DEPTH = 64;

  private final SerializerProvider serializers;
  private final ClassValue<Object> layouts = new ClassValue<>() {
    @Override
    protected Object computeValue(Class<?> type) {
      return layoutOf(type);
    }
  };

  CanonicalArguments(ObjectMapper mapper) {
    this.serializers = mapper.getSerializerProviderInstance();
  }

  byte[] encode(Object[] arguments) {
    StringBuilder out = new StringBuilder(32);
    Encoding encoding = new Encoding();
    out.append('(');
    int count = arguments == null ? 0 : arguments.length;
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        out.append(',');
      }
      try {
        encoding.value(arguments[i], out, 0);
      } catch (CodecException e) {
        throw new CodecException("Argument " + i + " (" + arguments[i].getClass().getName() + ") cannot be part of a"
            + " cache key: " + e.getMessage(), e.getCause());
      }
    }
    return out.append(')').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The state of one encoding: the containers and objects being written, to find cycles. */
  private final class Encoding {
    private final List<Object> path = new ArrayList<>();

    void value(Object value, StringBuilder out, int depth) {
      if (value == null) {
        out.append("null");
        return;
      }
      Class<?> type = value.getClass();
      if (type == String.class) {
        string((String) value, out);
      } else if (type == Integer.class) {
        out.append(((Integer) value).intValue());
      } else if (type == Long.class) {
        out.append(((Long) value).longValue()).append('L');
      } else if (type == Boolean.class) {
        out.append(((Boolean) value).booleanValue());
      } else if (type == Short.class) {
        out.append(((Short) value).shortValue()).append('S');
      } else if (type == Byte.class) {
        out.append(((Byte) value).byteValue()).append('B');
      } else if (type == Character.class) {
        string(String.valueOf((char) (Character) value), out.append('c'));
      } else if (type == Double.class) {
        out.append(shortestDecimal((Double) value)).append('D');
      } else if (type == Float.class) {
        out.append(shortestDecimal((Float) value)).append('F');
      } else if (type == BigInteger.class) {
        out.append(value).append("BI");
      } else if (type == BigDecimal.class) {
        out.append(value).append("BD");
      } else if (value instanceof Enum) {
        tag(((Enum<?>) value).getDeclaringClass(), out);
        string(((Enum<?>) value).name(), out);
      } else {
        structured(value, type, out, depth);
      }
    }

    private void structured(Object value, Class<?> type, StringBuilder out, int depth) {
      if (depth >= MAX_DEPTH) {
        throw new CodecException("it nests deeper than " + MAX_DEPTH + " levels");
      }
      if (HibernateLaziness.isProxy(value)) {
        if (HibernateLaziness.isUnloaded(value)) {
          tag(HibernateLaziness.proxyEntityClass(value), out).append('#');
          value(HibernateLaziness.proxyIdentifier(value), out, depth + 1);
          return;
        }
        value = HibernateLaziness.unproxy(value);
        type = value.getClass();
      } else if (HibernateLaziness.isUnloaded(value)) {
        throw new CodecException("it holds an uninitialised Hibernate " + type.getSimpleName()
            + "; reading it would run SQL");
      }
      String text = valueTypeText(value);
      if (text != null) {
        tag(valueTypeTag(value), out);
        string(text, out);
        return;
      }
      enter(value);
      if (value instanceof Optional) {
        Optional<?> optional = (Optional<?>) value;
        out.append("O[");
        if (optional.isPresent()) {
          value(optional.get(), out, depth + 1);
        }
        out.append(']');
      } else if (type.isArray()) {
        out.append("A<").append(type.getComponentType().getName()).append(">[");
        for (int i = 0, length = Array.getLength(value); i < length; i++) {
          if (i > 0) {
            out.append(',');
          }
          value(Array.get(value, i), out, depth + 1);
        }
        out.append(']');
      } else if (value instanceof Set) {
        sorted("S[", (Set<?>) value, ']', out, depth);
      } else if (value instanceof Map) {
        sorted("M{", ((Map<?, ?>) value).entrySet(), '}', out, depth);
      } else if (value instanceof List || value instanceof Collection) {
        out.append(value instanceof List ? "L[" : "C[");
        boolean first = true;
        for (Object element : (Collection<?>) value) {
          if (!first) {
            out.append(',');
          }
          first = false;
          value(element, out, depth + 1);
        }
        out.append(']');
      } else if (value instanceof Map.Entry && TypeShape.isPlatformClass(type)) {
        entry((Map.Entry<?, ?>) value, out.append("E["), depth);
        out.append(']');
      } else {
        bean(value, type, out, depth);
      }
      exit();
    }

    /** Elements (or map entries) in the order of their encodings: iteration order does not matter. */
    private void sorted(String open, Collection<?> elements, char close, StringBuilder out, int depth) {
      List<String> encoded = new ArrayList<>(elements.size());
      for (Object element : elements) {
        StringBuilder one = new StringBuilder();
        if (element instanceof Map.Entry && close == '}') {
          entry((Map.Entry<?, ?>) element, one, depth);
        } else {
          value(element, one, depth + 1);
        }
        encoded.add(one.toString());
      }
      encoded.sort(Comparator.naturalOrder());
      out.append(open).append(String.join(",", encoded)).append(close);
    }

    private void entry(Map.Entry<?, ?> entry, StringBuilder out, int depth) {
      value(entry.getKey(), out, depth + 1);
      value(entry.getValue(), out.append('='), depth + 1);
    }

    private void bean(Object bean, Class<?> type, StringBuilder out, int depth) {
      Object layout = layouts.get(type);
      if (layout instanceof String) {
        throw new CodecException((String) layout);
      }
      tag(type, out).append('{');
      boolean first = true;
      for (Property property : (Property[]) layout) {
        Object propertyValue;
        try {
          propertyValue = property.writer.get(bean);
        } catch (Exception e) {
          throw new CodecException("cannot read " + type.getName() + "." + property.writer.getName(), e);
        }
        if (HibernateLaziness.isUnloaded(propertyValue) && !HibernateLaziness.isProxy(propertyValue)) {
          continue; // an uninitialised collection: left out, as the value codec does
        }
        if (!first) {
          out.append(',');
        }
        first = false;
        out.append(property.quotedName).append('=');
        value(propertyValue, out, depth + 1);
      }
      out.append('}');
    }

    private void enter(Object container) {
      for (Object outer : path) {
        if (outer == container) {
          throw new CodecException("it contains itself (a " + container.getClass().getName() + " cycle)");
        }
      }
      path.add(container);
    }

    private void exit() {
      path.remove(path.size() - 1);
    }
  }

  /** The fields of a class in name order, or the reason its instances cannot be part of a key. */
  private Object layoutOf(Class<?> type) {
    if (TypeShape.isPlatformClass(type)) {
      return "a " + type.getName() + " is a JDK object without a value (like a stream, an iterator or a"
          + " connection); keys can hold strings, numbers, enums, java.time, UUID, collections, maps, arrays,"
          + " Optional, records and other objects with fields";
    }
    if (type.isHidden() || type.isSynthetic()) {
      return "a " + type.getName() + " (a lambda or generated class) has no name that is stable across JVMs";
    }
    JsonSerializer<?> serializer;
    try {
      serializer = serializers.findValueSerializer(type);
    } catch (JsonMappingException e) {
      return "no serializer for " + type.getName() + ": " + e.getOriginalMessage();
    }
    while (serializer instanceof GuardSerializer) {
      serializer = ((GuardSerializer) serializer).delegate;
    }
    List<Property> properties = new ArrayList<>();
    if (serializer instanceof BeanSerializerBase) {
      for (Iterator<PropertyWriter> it = serializer.properties(); it.hasNext(); ) {
        PropertyWriter writer = it.next();
        if (writer instanceof BeanPropertyWriter) {
          properties.add(new Property((BeanPropertyWriter) writer));
        }
      }
    } else if (!(serializer instanceof StdSerializer) || serializer.handledType() != Object.class) {
      // Jackson's "unknown" serializer (a class without fields) handles Object; anything else is a custom scalar.
      return "a " + type.getName() + " is written by Jackson as " + serializer.getClass().getSimpleName()
          + ", not field by field, so it has no canonical form";
    }
    properties.sort(Comparator.comparing(property -> property.writer.getName()));
    return properties.toArray(new Property[0]);
  }

  private static final class Property {
    final BeanPropertyWriter writer;
    final String quotedName;

    Property(BeanPropertyWriter writer) {
      this.writer = writer;
      this.quotedName = string(writer.getName(), new StringBuilder()).toString();
    }
  }

  /** The text of a JDK value type, stable across JVMs, or {@code null} if {@code value} is not one. */
  private static String valueTypeText(Object value) {
    Class<?> type = value.getClass();
    if (type.getName().startsWith("java.time.")) {
      return value.toString(); // ISO-8601, specified by each class; equal values print equally
    }
    if (value instanceof UUID || value instanceof URI || value instanceof Locale || value instanceof Path
        || value instanceof File) {
      return value.toString();
    }
    if (value instanceof Currency) {
      return ((Currency) value).getCurrencyCode();
    }
    if (value instanceof Charset) {
      return ((Charset) value).name();
    }
    if (value instanceof Class) {
      return ((Class<?>) value).getName();
    }
    if (value instanceof Pattern) {
      return ((Pattern) value).flags() + "/" + ((Pattern) value).pattern();
    }
    if (value instanceof java.sql.Timestamp) {
      return ((java.sql.Timestamp) value).getTime() + ":" + ((java.sql.Timestamp) value).getNanos();
    }
    if (value instanceof Date && TypeShape.isPlatformClass(type)) {
      return Long.toString(((Date) value).getTime());
    }
    if (value instanceof OptionalInt) {
      OptionalInt optional = (OptionalInt) value;
      return optional.isPresent() ? Integer.toString(optional.getAsInt()) : "";
    }
    if (value instanceof OptionalLong) {
      OptionalLong optional = (OptionalLong) value;
      return optional.isPresent() ? Long.toString(optional.getAsLong()) : "";
    }
    if (value instanceof OptionalDouble) {
      OptionalDouble optional = (OptionalDouble) value;
      return optional.isPresent() ? shortestDecimal(optional.getAsDouble()) : "";
    }
    return null;
  }

  /** The tag of a value type: its public type where the runtime class varies by platform (UnixPath, sun.nio.cs.UTF_8). */
  private static Class<?> valueTypeTag(Object value) {
    return value instanceof Path ? Path.class : value instanceof Charset ? Charset.class : value.getClass();
  }

  private static StringBuilder tag(Class<?> type, StringBuilder out) {
    return out.append('<').append(type.getName()).append('>');
  }

  /** A JSON string literal, with surrogates escaped as well so that no String is lost in UTF-8. */
  static StringBuilder string(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20 || Character.isSurrogate(c)) {
        out.append("\\u").append(Character.forDigit(c >> 12, 16)).append(Character.forDigit((c >> 8) & 0xf, 16))
            .append(Character.forDigit((c >> 4) & 0xf, 16)).append(Character.forDigit(c & 0xf, 16));
      } else {
        out.append(c);
      }
    }
    return out.append('"');
  }

  /**
   * The shortest decimal that reads back as exactly {@code value}, by {@link BigDecimal} arithmetic (specified, so the
   * same in every JVM). {@code -0.0} keeps its sign: {@code Double.equals} tells it from {@code 0.0}.
   */
  static String shortestDecimal(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return Double.toString(value);
    }
    long bits = Double.doubleToLongBits(value);
    String sign = bits < 0 ? "-" : "";
    double magnitude = Math.abs(value);
    BigDecimal exact = new BigDecimal(magnitude);
    for (int digits = 1; digits < 17; digits++) {
      BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (rounded.doubleValue() == magnitude) {
        return sign + text(rounded);
      }
    }
    return sign + text(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)));
  }

  /** As {@link #shortestDecimal(double)}, for the float's own precision. */
  static String shortestDecimal(float value) {
    if (Float.isNaN(value) || Float.isInfinite(value)) {
      return Float.toString(value);
    }
    String sign = Float.floatToIntBits(value) < 0 ? "-" : "";
    float magnitude = Math.abs(value);
    BigDecimal exact = new BigDecimal(magnitude);
    for (int digits = 1; digits < 9; digits++) {
      BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
      if (rounded.floatValue() == magnitude) {
        return sign + text(rounded);
      }
    }
    return sign + text(exact.round(new MathContext(9, RoundingMode.HALF_EVEN)));
  }

  /** Plain digits for everyday magnitudes ({@code 100}, {@code 0.001}), scientific notation beyond. */
  private static String text(BigDecimal decimal) {
    BigDecimal stripped = decimal.stripTrailingZeros();
    int exponent = stripped.precision() - stripped.scale() - 1;
    return exponent >= -7 && exponent < 21 ? stripped.toPlainString() : stripped.toString();
  }
}
