package io.querylens.agent.cache.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * {@link Optional} and its primitive variants as a JSON array of zero or one element: {@code []} is empty, {@code ["x"]}
 * holds {@code "x"}, and a {@code null} reference stays {@code null}.
 *
 * <p>jackson-datatype-jdk8 writes an empty Optional as {@code null}, so a method declared to return {@code Optional}
 * that returned {@code null} would come back from the cache as {@code Optional.empty()}, and {@code
 * Optional<Optional<X>>} could not be told apart at all. The array form keeps all three states, costs two bytes, and
 * spares the agent a dependency. The element is written with the serializer of the declared element type, like every
 * other value of the codec.
 */
final class OptionalJson {
  private OptionalJson() {}

  static JsonSerializer<?> serializerFor(JavaType type) {
    Class<?> raw = type.getRawClass();
    if (raw == Optional.class) {
      return new OptionalSerializer(type, null);
    }
    if (raw == OptionalInt.class || raw == OptionalLong.class || raw == OptionalDouble.class) {
      return new PrimitiveOptionalSerializer(raw);
    }
    return null;
  }

  static JsonDeserializer<?> deserializerFor(JavaType type) {
    Class<?> raw = type.getRawClass();
    if (raw == Optional.class) {
      return new OptionalDeserializer(type, null);
    }
    if (raw == OptionalInt.class || raw == OptionalLong.class || raw == OptionalDouble.class) {
      return new PrimitiveOptionalDeserializer(raw);
    }
    return null;
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static final class OptionalSerializer extends StdSerializer<Optional> implements ContextualSerializer {
    private static final long serialVersionUID = 1L;
    private final JavaType type;
    private final JsonSerializer<Object> content;

    OptionalSerializer(JavaType type, JsonSerializer<Object> content) {
      super(Optional.class);
      this.type = type;
      this.content = content;
    }

    @Override
    public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property)
        throws JsonMappingException {
      // The element serializer of the declared Optional<X>, as for any other container: static typing.
      JavaType element = type.containedTypeOrUnknown(0);
      return new OptionalSerializer(type, provider.findContentValueSerializer(element, property));
    }

    @Override
    public void serialize(Optional value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeStartArray();
      if (value.isPresent()) {
        Object element = value.get();
        JsonSerializer<Object> serializer = content != null ? content
            : provider.findContentValueSerializer(type.containedTypeOrUnknown(0), null);
        serializer.serialize(element, gen, provider);
      }
      gen.writeEndArray();
    }
  }

  private static final class PrimitiveOptionalSerializer extends StdSerializer<Object> {
    private static final long serialVersionUID = 1L;

    PrimitiveOptionalSerializer(Class<?> raw) {
      super(raw, false);
    }

    @Override
    public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeStartArray();
      if (value instanceof OptionalInt && ((OptionalInt) value).isPresent()) {
        gen.writeNumber(((OptionalInt) value).getAsInt());
      } else if (value instanceof OptionalLong && ((OptionalLong) value).isPresent()) {
        gen.writeNumber(((OptionalLong) value).getAsLong());
      } else if (value instanceof OptionalDouble && ((OptionalDouble) value).isPresent()) {
        gen.writeNumber(((OptionalDouble) value).getAsDouble());
      }
      gen.writeEndArray();
    }
  }

  private static final class OptionalDeserializer extends StdDeserializer<Optional<?>>
      implements ContextualDeserializer {
    private static final long serialVersionUID = 1L;
    private final JsonDeserializer<Object> content;

    OptionalDeserializer(JavaType type, JsonDeserializer<Object> content) {
      super(type);
      this.content = content;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
        throws JsonMappingException {
      JavaType element = getValueType().containedTypeOrUnknown(0);
      return new OptionalDeserializer(getValueType(), ctxt.findContextualValueDeserializer(element, property));
    }

    @Override
    public Optional<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.isExpectedStartArrayToken()) {
        return (Optional<?>) ctxt.handleUnexpectedToken(getValueType(), p);
      }
      if (p.nextToken() == JsonToken.END_ARRAY) {
        return Optional.empty();
      }
      if (p.currentToken() == JsonToken.VALUE_NULL) {
        return ctxt.reportInputMismatch(this, "an Optional never holds null");
      }
      Object element = content.deserialize(p, ctxt);
      if (p.nextToken() != JsonToken.END_ARRAY) {
        ctxt.reportWrongTokenException(this, JsonToken.END_ARRAY, "an Optional holds at most one value");
      }
      return Optional.of(element);
    }
  }

  private static final class PrimitiveOptionalDeserializer extends StdDeserializer<Object> {
    private static final long serialVersionUID = 1L;

    PrimitiveOptionalDeserializer(Class<?> raw) {
      super(raw);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      Class<?> raw = handledType();
      if (!p.isExpectedStartArrayToken()) {
        return ctxt.handleUnexpectedToken(raw, p);
      }
      if (p.nextToken() == JsonToken.END_ARRAY) {
        return raw == OptionalInt.class ? OptionalInt.empty()
            : raw == OptionalLong.class ? OptionalLong.empty() : OptionalDouble.empty();
      }
      Object result = raw == OptionalInt.class ? OptionalInt.of(ctxt.readValue(p, Integer.TYPE))
          : raw == OptionalLong.class ? OptionalLong.of(ctxt.readValue(p, Long.TYPE))
          : OptionalDouble.of(ctxt.readValue(p, Double.TYPE));
      if (p.nextToken() != JsonToken.END_ARRAY) {
        ctxt.reportWrongTokenException(this, JsonToken.END_ARRAY, "an optional holds at most one value");
      }
      return result;
    }
  }
}
