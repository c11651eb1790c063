package io.querylens.agent.cache.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;

/**
 * Refuses an uninitialised Hibernate collection or map where it cannot simply be left out: as the whole value, as an
 * element of another collection, as a map value. Iterating it would load it. (As a property of an entity it never gets
 * here: {@link LazyOmittingPropertyWriter} leaves the property out first.)
 */
final class ContainerGuardSerializer extends GuardSerializer {
  ContainerGuardSerializer(JsonSerializer<?> delegate) {
    super(delegate);
  }

  @Override
  GuardSerializer around(JsonSerializer<?> newDelegate) {
    return new ContainerGuardSerializer(newDelegate);
  }

  @Override
  public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
    if (HibernateLaziness.isUnloaded(value)) {
      throw JsonMappingException.from(provider, "an uninitialised Hibernate " + value.getClass().getSimpleName()
          + " cannot be cached: reading it would run SQL (only an entity's property can be left out)");
    }
    delegate.serialize(value, gen, provider);
  }
}
