package io.querylens.agent.cache.codec;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one {@link ObjectMapper} configuration of the cache codec. Each setting is here because a cached value must come
 * back equal to what the method returned, or not at all; Jackson's defaults are tuned for web APIs instead.
 */
final class CodecMapper {
  private CodecMapper() {}

  /**
   * Jackson's default (1000) is deeper than a request thread's stack can follow through bean deserializers while the
   * code is still interpreted: a corrupt or hostile entry nested 1000 deep overflowed the stack in a test run before
   * the limit was reached. Cached results are rarely nested more than a few dozen levels.
   */
  static final int MAX_NESTING_DEPTH = 200;

  static ObjectMapper create() {
    return JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build())
        // The application's Jackson annotations, read by name (relocation), and nothing else: see the introspector.
        .annotationIntrospector(new ApplicationAnnotationIntrospector())

        // State, not API: every non-static, non-transient field (any visibility) is a property; getters, is-getters and
        // setters are never called. For entities that is the only safe choice (a getter may load a lazy association
        // or compute from one); for DTOs it caches what the object holds, not what its getters derive. Creators stay
        // visible for records' canonical constructors.
        .visibility(PropertyAccessor.ALL, Visibility.NONE)
        .visibility(PropertyAccessor.FIELD, Visibility.ANY)
        .visibility(PropertyAccessor.CREATOR, Visibility.ANY)
        .disable(MapperFeature.USE_GETTERS_AS_SETTERS)
        // A transient field is skipped even if annotated @JsonProperty.
        .enable(MapperFeature.PROPAGATE_TRANSIENT_MARKER)

        // Serializers are chosen by declared type, so that BeanGuardSerializer knows the declared class and refuses
        // subclasses (which would decode as the declared class) and unwraps Hibernate proxies.
        .enable(MapperFeature.USE_STATIC_TYPING)

        // Strict reading: data that does not fit the declared type is an error (CodecException), not a best effort.
        // The shape fingerprint in the key means that only corruption or a bug produces such data.
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)

        // An object without fields is a valid value ({}), not an error.
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)

        // java.time as ISO-8601 text, exactly: readable in redis-cli, and an OffsetDateTime keeps its offset and a
        // ZonedDateTime its region instead of being normalised to UTC.
        .addModule(new JavaTimeModule().disable(JavaTimeFeature.NORMALIZE_DESERIALIZED_ZONE_ID))
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .enable(SerializationFeature.WRITE_DATES_WITH_ZONE_ID)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)

        .addModule(new CodecModule())
        // Never: activateDefaultTyping, @JsonTypeInfo. The declared type is the only source of classes.
        .build();
  }
}
