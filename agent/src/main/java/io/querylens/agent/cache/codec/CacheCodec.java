package io.querylens.agent.cache.codec;

import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.deser.DefaultDeserializationContext;
import com.fasterxml.jackson.databind.deser.impl.UnsupportedTypeDeserializer;
import java.lang.reflect.Type;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the results of {@code @Cached} methods into bytes and back, and their arguments into canonical key bytes.
 *
 * <h2>Values</h2>
 *
 * <p>A value is written as JSON, readable with {@code redis-cli GET}, and read back into the method's declared generic
 * return type and nothing else: no class name is ever written or read, so stored data cannot choose what gets
 * instantiated (the usual Jackson gadget attacks need polymorphic typing, which is never enabled). It follows that a
 * value must have the class its declaration says: the codec refuses, with a {@link CodecException} at encode time,
 * declared types with positions it could not read back ({@code Object}, {@code Number}, abstract classes and
 * interfaces other than collections, maps and Spring Data's {@code Page} and {@code Slice}, {@code Class}), and values
 * whose runtime class differs from the declared one (a subclass would silently come back as its superclass).
 *
 * <p>Objects are cached as their state: every non-static, non-transient field, of any visibility, is written and read
 * directly; getters and setters are never called. That is the right choice for both kinds of classes methods return:
 * for a DTO it stores what the object holds rather than what its getters compute; for a JPA entity it is the only
 * choice that cannot trigger lazy loading, since Hibernate intercepts getters (and, with bytecode enhancement, the
 * entity's own field reads) but not reflection. Records are read through their canonical constructor; other classes
 * through their no-argument constructor of any visibility, or, lacking one, without running a constructor at all
 * ({@link ConstructorlessInstantiators}). Enums are written by name. {@code Optional} is written as {@code []} or
 * {@code [value]}, so that {@code null}, empty and present all round-trip ({@link OptionalJson}). {@code java.time}
 * values are ISO-8601 text, with offsets and zone regions kept.
 *
 * <p>Spring Data's {@code Page<T>} and {@code Slice<T>}, also declared as {@code PageImpl<T>} and {@code SliceImpl<T>},
 * are written as {@code {"content":[...],"page":0,"size":20,"sort":[{"property":"name","direction":"ASC",
 * "ignoreCase":false,"nullHandling":"NATIVE"}],"total":42}} ({@code "hasNext":true} for a slice; {@code "page":null,
 * "size":null} unpaged) and rebuilt with the application's own Spring Data classes, found by name: the agent does not
 * depend on Spring Data. Only Spring Data's {@code PageImpl} and {@code SliceImpl} over a {@code PageRequest} or {@code
 * Pageable.unpaged()}, sorted by a plain {@code Sort}, are cached; another implementation is refused rather than
 * returned from a hit as something else ({@link SpringDataPages}).
 *
 * <p>Hibernate entities: an uninitialised lazy proxy or collection held by a field is left out of the JSON, so the field
 * decodes as its default ({@code null}, or what its initialiser creates) and encoding runs no SQL. Callers of a
 * cached method therefore see an unloaded association of a cached entity as empty, not as loaded on demand; cache DTOs,
 * or fetch what the caller needs. Initialised proxies are written as their entity; Hibernate's bookkeeping fields are
 * never written. An uninitialised proxy or collection where nothing can be left out (the value itself, a list element,
 * a map value) is refused. A cycle, such as an initialised bidirectional association ({@code recipe.ingredients[0]
 * .recipe == recipe}), is refused with the chain of classes rather than broken silently: the decoded graph would
 * differ from the returned one. Annotating the child's field {@code @JsonBackReference} (and the parent's collection
 * {@code @JsonManagedReference}) breaks it and restores it on decode. The decoded entity is a detached, plain object.
 *
 * <p>The application's {@code @JsonIgnore}, {@code @JsonProperty}, {@code @JsonIgnoreProperties}, {@code
 * @JsonIgnoreType}, {@code @JsonManagedReference} and {@code @JsonBackReference} are honoured by name, also in the
 * shaded agent where Jackson is relocated; other Jackson annotations are ignored on purpose. See {@link
 * ApplicationAnnotationIntrospector}; the mapper's settings and the reason for each are in {@link CodecMapper}.
 *
 * <h2>Shapes and keys</h2>
 *
 * <p>{@link #shapeOf} fingerprints the declared type, recursively through the fields of application classes, so that
 * entries written before a class changed are never read ({@link TypeShape}). {@link #argumentsKey} encodes arguments
 * in a typed canonical text ({@link CanonicalArguments}).
 *
 * <h2>Cost</h2>
 *
 * <p>Everything that depends only on the declared type, the {@code JavaType}, the {@link ObjectReader} and {@link
 * ObjectWriter} with their prefetched root (de)serializers, the shape and the verdict on whether it can be cached, is
 * computed once per {@link Type} and kept in a map. Encoding and decoding then cost what {@code
 * ObjectMapper.writeValueAsBytes} and {@code readValue(bytes, JavaType)} cost, plus a class comparison per object
 * written. The map holds the declared types of the application's cached methods for the life of the codec.
 *
 * <p>Thread-safe.
 */
public final class CacheCodec {
  /**
   * Ends every encoded value. JSON has no newline of its own here (no pretty printing, and strings escape theirs), so a
   * truncated entry never ends with one: without it, {@code 12345} cut to {@code 123} would decode as another number.
   */
  private static final byte END = '\n';
  private static final byte[] NO_HEADER = new byte[0];
  /** The first block of an encoding's buffer; it grows by blocks, and the bytes are copied out once at the end. */
  private static final int INITIAL_PAYLOAD_BYTES = 8192;

  private final ObjectMapper mapper;
  private final CanonicalArguments canonicalArguments;
  private final ConcurrentHashMap<Type, TypeCodec> types = new ConcurrentHashMap<>();

  public CacheCodec() {
    this.mapper = CodecMapper.create();
    this.canonicalArguments = new CanonicalArguments(mapper);
  }

  /**
   * The JSON bytes of {@code value}, written as {@code declaredType}, followed by a newline that {@link #decode}
   * requires, so that a truncated entry is always detected.
   *
   * @param value the method's result; {@code null} is written as {@code null}
   * @param declaredType the method's generic return type
   * @throws CodecException if the declared type cannot be cached (see the class comment) or the value cannot be
   *     written as it: a subclass, a cycle, an uninitialised Hibernate proxy where it cannot be left out
   */
  public byte[] encode(Object value, Type declaredType) {
    return encode(value, declaredType, NO_HEADER);
  }

  /**
   * As {@link #encode(Object, Type)}, behind {@code header}: one buffer holds both, so that storing the value with a
   * header costs no copy of a payload of tens of kilobytes.
   */
  public byte[] encode(Object value, Type declaredType, byte[] header) {
    TypeCodec codec = codecFor(declaredType);
    try {
      ByteArrayBuilder out = new ByteArrayBuilder(header.length + INITIAL_PAYLOAD_BYTES);
      out.write(header);
      codec.writer.writeValue(out, value);
      out.write(END);
      return out.toByteArray();
    } catch (Exception | StackOverflowError e) {
      throw new CodecException("Cannot encode a " + (value == null ? "null" : value.getClass().getName()) + " as "
          + codec.typeName + ": " + messageOf(e), e);
    }
  }

  /**
   * Decodes bytes written by {@link #encode} with the same declared type.
   *
   * @param declaredType the method's generic return type
   * @return the decoded value, complete, or {@code null} if {@code null} was encoded
   * @throws CodecException for corrupt, truncated or incompatible data, and for declared types that cannot be cached;
   *     never another exception, and never a partly built value
   */
  public Object decode(byte[] data, Type declaredType) {
    return decode(data, 0, data == null ? 0 : data.length, declaredType);
  }

  /**
   * As {@link #decode(byte[], Type)}, for the {@code length} bytes from {@code offset}: a stored entry is decoded
   * where it lies, after its header, without copying a payload of tens of kilobytes first.
   */
  public Object decode(byte[] data, int offset, int length, Type declaredType) {
    TypeCodec codec = codecFor(declaredType);
    if (data == null || length <= 0 || data[offset + length - 1] != END) {
      throw new CodecException("Cannot decode " + codec.typeName + ": "
          + (data == null ? "no data" : "truncated (" + length + " bytes without the final newline)"));
    }
    try {
      return codec.reader.readValue(data, offset, length);
    } catch (Exception | StackOverflowError e) {
      throw new CodecException("Cannot decode " + length + " bytes as " + codec.typeName + ": " + messageOf(e),
          e);
    }
  }

  /**
   * A 12-hex-digit fingerprint of the shape of {@code declaredType}: type names, generic arguments, and recursively
   * the serialized property names and types of application classes and the constants of enums. It changes when a
   * class reached from the type gains, loses, renames or retypes a field; it is the same in every JVM for the same
   * classes. Computed once per type.
   *
   * @throws CodecException if {@code declaredType} is {@code null}
   */
  public String shapeOf(Type declaredType) {
    return lookUp(declaredType).shape;
  }

  /**
   * Canonical bytes of a method's arguments for the cache key: equal arguments give equal bytes in every JVM (map
   * entries and set elements sorted, fields sorted by name, no identity hash codes, floating point written
   * exactly), and different arguments give different bytes ({@code ("a,b")} is not {@code ("a","b")}, {@code 1}
   * is not {@code "1"} nor {@code 1L}). See {@link CanonicalArguments} for the format.
   *
   * @param arguments the arguments; {@code null} is treated as no arguments
   * @throws CodecException if an argument has no canonical form: a stream, an iterator, a lambda, a cycle, an
   *     uninitialised Hibernate collection
   */
  public byte[] argumentsKey(Object[] arguments) {
    return canonicalArguments.encode(arguments);
  }

  /**
   * Why values of {@code declaredType} can never be cached (an interface Jackson cannot instantiate, {@code
   * Object}, a type without a deserializer), or null if they can: asked before a method's first call, so that such a
   * method bypasses the cache without a single Redis command.
   */
  public String problemOf(Type declaredType) {
    return lookUp(declaredType).problem;
  }

  /** The codec of a type that can be cached. */
  private TypeCodec codecFor(Type declaredType) {
    TypeCodec codec = lookUp(declaredType);
    if (codec.problem != null) {
      throw new CodecException(codec.typeName + " cannot be cached: " + codec.problem);
    }
    return codec;
  }

  private TypeCodec lookUp(Type declaredType) {
    if (declaredType == null) {
      throw new CodecException("No declared type");
    }
    TypeCodec codec = types.get(declaredType);
    return codec != null ? codec : types.computeIfAbsent(declaredType, this::newTypeCodec);
  }

  private TypeCodec newTypeCodec(Type declaredType) {
    JavaType type = mapper.getTypeFactory().constructType(declaredType);
    TypeShape shape = TypeShape.of(type, mapper.getSerializationConfig());
    String problem = shape.problem();
    if (problem == null) {
      problem = buildHandlers(type);
    }
    return new TypeCodec(type, mapper.readerFor(type), mapper.writerFor(type), shape.fingerprint(), problem);
  }

  /**
   * Builds the serializer and deserializer of {@code type} now, so that a type Jackson cannot handle (say, a map
   * key type without a key deserializer) fails its first encode instead of every later decode.
   */
  private String buildHandlers(JavaType type) {
    try {
      mapper.getSerializerProviderInstance().findTypedValueSerializer(type, true, null);
      JsonDeserializer<?> deserializer = ((DefaultDeserializationContext) mapper.getDeserializationContext())
          .createDummyInstance(mapper.getDeserializationConfig()).findRootValueDeserializer(type);
      // Jackson's placeholder for types it knows it cannot handle (a JDK-internal java.time class, Joda) fails only
      // when used.
      return deserializer instanceof UnsupportedTypeDeserializer
          ? "Jackson has no deserializer for " + type.toCanonical() : null;
    } catch (JsonMappingException | RuntimeException e) {
      return messageOf(e);
    }
  }

  private static String messageOf(Throwable e) {
    if (e instanceof JsonMappingException) {
      // Jackson's message plus the chain of properties it was in; the location in the input is noise here.
      JsonMappingException mapping = (JsonMappingException) e;
      String message = mapping.getOriginalMessage();
      String path = mapping.getPath().isEmpty() ? "" : " (at " + mapping.getPathReference() + ")";
      return message + path;
    }
    String message = e.getMessage();
    return message == null ? e.getClass().getName() : message;
  }

  /** Everything about one declared type that does not depend on the value. */
  private static final class TypeCodec {
    final String typeName;
    final ObjectReader reader;
    final ObjectWriter writer;
    final String shape;
    final String problem;

    TypeCodec(JavaType type, ObjectReader reader, ObjectWriter writer, String shape, String problem) {
      this.typeName = type.toCanonical();
      this.reader = reader;
      this.writer = writer;
      this.shape = shape;
      this.problem = problem;
    }
  }
}
