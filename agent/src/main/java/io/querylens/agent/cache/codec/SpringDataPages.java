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
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.querylens.agent.cache.codec.SpringDataDomain.PageState;
import io.querylens.agent.cache.codec.SpringDataDomain.SortOrder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Spring Data's {@code Page<T>} and {@code Slice<T>} (declared as such or as {@code PageImpl<T>} and {@code
 * SliceImpl<T>}) as a JSON object of what a page is made of:
 *
 * <pre>{@code
 * {"content":[...],"page":0,"size":20,"sort":[{"property":"lastName","direction":"ASC","ignoreCase":false,
 *  "nullHandling":"NATIVE"}],"total":42}
 * }</pre>
 *
 * <p>A slice has {@code "hasNext":true} or {@code false} where a page has {@code "total"}. An unpaged one ({@code
 * Pageable.unpaged()}) has {@code "page":null,"size":null}; it keeps its sort. The fields are read in any order, each
 * exactly once; anything else is an error.
 *
 * <p>Page and Slice are interfaces, which the codec otherwise refuses: they name no class to decode into. These are the
 * listings of Spring applications, though, and nearly always Spring Data's own {@code PageImpl} and {@code SliceImpl};
 * so those, and only those, are taken apart and rebuilt with the application's own classes ({@link SpringDataDomain}).
 * The content is written and read as a {@code List<T>} of the declared element type, so its elements get the checks
 * every other element gets.
 */
final class SpringDataPages {
  private SpringDataPages() {}

  static JsonSerializer<?> serializerFor(JavaType type) {
    return SpringDataDomain.isDeclarable(type.getRawClass()) ? new PageSerializer(type, null) : null;
  }

  static JsonDeserializer<?> deserializerFor(JavaType type) {
    return SpringDataDomain.isDeclarable(type.getRawClass()) ? new PageDeserializer(type, null) : null;
  }

  /** What a page's content is written and read as. */
  private static JavaType contentType(JavaType pageType, TypeFactory types) {
    return types.constructCollectionType(List.class, pageType.containedTypeOrUnknown(0));
  }

  private static final class PageSerializer extends StdSerializer<Object> implements ContextualSerializer {
    private static final long serialVersionUID = 1L;
    private final JavaType type;
    private final transient SpringDataDomain domain;
    private final JsonSerializer<Object> content;

    PageSerializer(JavaType type, JsonSerializer<Object> content) {
      super(type);
      this.type = type;
      this.domain = SpringDataDomain.of(type.getRawClass());
      this.content = content;
    }

    @Override
    public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property)
        throws JsonMappingException {
      return new PageSerializer(type,
          provider.findContentValueSerializer(contentType(type, provider.getTypeFactory()), property));
    }

    @Override
    public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      PageState state;
      try {
        state = domain.read(value);
      } catch (IllegalArgumentException e) {
        throw JsonMappingException.from(provider, e.getMessage(), e);
      }
      JsonSerializer<Object> contentSerializer = content != null ? content
          : provider.findContentValueSerializer(contentType(type, provider.getTypeFactory()), null);
      gen.writeStartObject();
      gen.writeFieldName("content");
      contentSerializer.serialize(state.content(), gen, provider);
      if (state.page() == null) {
        gen.writeNullField("page");
        gen.writeNullField("size");
      } else {
        gen.writeNumberField("page", state.page());
        gen.writeNumberField("size", state.size());
      }
      gen.writeArrayFieldStart("sort");
      for (SortOrder order : state.sort()) {
        gen.writeStartObject();
        gen.writeStringField("property", order.property());
        gen.writeStringField("direction", order.direction());
        gen.writeBooleanField("ignoreCase", order.ignoreCase());
        gen.writeStringField("nullHandling", order.nullHandling());
        gen.writeEndObject();
      }
      gen.writeEndArray();
      if (domain.hasTotal) {
        gen.writeNumberField("total", state.total());
      } else {
        gen.writeBooleanField("hasNext", state.hasNext());
      }
      gen.writeEndObject();
    }
  }

  private static final class PageDeserializer extends StdDeserializer<Object> implements ContextualDeserializer {
    private static final long serialVersionUID = 1L;
    private final transient SpringDataDomain domain;
    private final JsonDeserializer<Object> content;

    PageDeserializer(JavaType type, JsonDeserializer<Object> content) {
      super(type);
      this.domain = SpringDataDomain.of(type.getRawClass());
      this.content = content;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
        throws JsonMappingException {
      return new PageDeserializer(getValueType(),
          ctxt.findContextualValueDeserializer(contentType(getValueType(), ctxt.getTypeFactory()), property));
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.isExpectedStartObjectToken()) {
        return ctxt.handleUnexpectedToken(getValueType(), p);
      }
      String last = domain.hasTotal ? "total" : "hasNext";
      List<?> elements = null;
      Integer page = null;
      Integer size = null;
      List<SortOrder> sort = null;
      long total = 0;
      boolean hasNext = false;
      boolean sawPage = false;
      boolean sawSize = false;
      boolean sawLast = false;
      for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
        JsonToken token = p.nextToken();
        boolean repeated;
        switch (field) {
          case "content":
            repeated = elements != null;
            expect(p, ctxt, token, JsonToken.START_ARRAY, field);
            elements = (List<?>) content.deserialize(p, ctxt);
            break;
          case "page":
            repeated = sawPage;
            sawPage = true;
            page = optionalInt(p, ctxt, token, field);
            break;
          case "size":
            repeated = sawSize;
            sawSize = true;
            size = optionalInt(p, ctxt, token, field);
            break;
          case "sort":
            repeated = sort != null;
            sort = sortOrders(p, ctxt, token);
            break;
          default:
            if (!field.equals(last)) {
              return ctxt.reportInputMismatch(this, "unknown field \"%s\" of a %s", field, kind());
            }
            repeated = sawLast;
            sawLast = true;
            if (domain.hasTotal) {
              expect(p, ctxt, token, JsonToken.VALUE_NUMBER_INT, field);
              total = p.getLongValue();
            } else {
              hasNext = booleanValue(p, ctxt, token, field);
            }
        }
        if (repeated) {
          return ctxt.reportInputMismatch(this, "field \"%s\" of a %s appears twice", field, kind());
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        return ctxt.handleUnexpectedToken(getValueType(), p);
      }
      if (elements == null || !sawPage || !sawSize || sort == null || !sawLast) {
        return ctxt.reportInputMismatch(this, "a %s needs content, page, size, sort and %s", kind(), last);
      }
      if ((page == null) != (size == null)) {
        return ctxt.reportInputMismatch(this, "page and size of a %s are both numbers or both null", kind());
      }
      try {
        return domain.build(new PageState(elements, page, size, sort, total, hasNext));
      } catch (IllegalArgumentException e) {
        return ctxt.reportInputMismatch(this, "%s", e.getMessage());
      }
    }

    private String kind() {
      return getValueType().getRawClass().getSimpleName();
    }

    private List<SortOrder> sortOrders(JsonParser p, DeserializationContext ctxt, JsonToken token) throws IOException {
      expect(p, ctxt, token, JsonToken.START_ARRAY, "sort");
      List<SortOrder> orders = new ArrayList<>();
      for (JsonToken next = p.nextToken(); next != JsonToken.END_ARRAY; next = p.nextToken()) {
        expect(p, ctxt, next, JsonToken.START_OBJECT, "sort");
        orders.add(sortOrder(p, ctxt));
      }
      return orders;
    }

    private SortOrder sortOrder(JsonParser p, DeserializationContext ctxt) throws IOException {
      String property = null;
      String direction = null;
      Boolean ignoreCase = null;
      String nullHandling = null;
      for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
        JsonToken token = p.nextToken();
        boolean repeated;
        switch (field) {
          case "property":
            repeated = property != null;
            property = text(p, ctxt, token, field);
            break;
          case "direction":
            repeated = direction != null;
            direction = text(p, ctxt, token, field);
            break;
          case "ignoreCase":
            repeated = ignoreCase != null;
            ignoreCase = booleanValue(p, ctxt, token, field);
            break;
          case "nullHandling":
            repeated = nullHandling != null;
            nullHandling = text(p, ctxt, token, field);
            break;
          default:
            return ctxt.reportInputMismatch(this, "unknown field \"%s\" of a sort order", field);
        }
        if (repeated) {
          return ctxt.reportInputMismatch(this, "field \"%s\" of a sort order appears twice", field);
        }
      }
      if (p.currentToken() != JsonToken.END_OBJECT) {
        return ctxt.reportInputMismatch(this, "a sort order ends early");
      }
      if (property == null || direction == null || ignoreCase == null || nullHandling == null) {
        return ctxt.reportInputMismatch(this, "a sort order needs property, direction, ignoreCase and nullHandling");
      }
      return new SortOrder(property, direction, ignoreCase, nullHandling);
    }

    private Integer optionalInt(JsonParser p, DeserializationContext ctxt, JsonToken token, String field)
        throws IOException {
      if (token == JsonToken.VALUE_NULL) {
        return null;
      }
      expect(p, ctxt, token, JsonToken.VALUE_NUMBER_INT, field);
      return p.getIntValue();
    }

    private String text(JsonParser p, DeserializationContext ctxt, JsonToken token, String field) throws IOException {
      expect(p, ctxt, token, JsonToken.VALUE_STRING, field);
      return p.getText();
    }

    private boolean booleanValue(JsonParser p, DeserializationContext ctxt, JsonToken token, String field)
        throws IOException {
      if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
        ctxt.reportWrongTokenException(this, JsonToken.VALUE_TRUE, "\"%s\" of a %s is true or false", field, kind());
      }
      return token == JsonToken.VALUE_TRUE;
    }

    private void expect(JsonParser p, DeserializationContext ctxt, JsonToken actual, JsonToken expected, String field)
        throws IOException {
      if (actual != expected) {
        ctxt.reportWrongTokenException(this, expected, "\"%s\" of a %s", field, kind());
      }
    }
  }
}
