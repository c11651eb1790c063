package io.querylens.agent.cache.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.PropertyWriter;
import com.fasterxml.jackson.databind.ser.ResolvableSerializer;
import java.io.IOException;
import java.util.Iterator;

/**
 * A serializer that checks a value and then hands it to the serializer Jackson built for the declared type. Everything
 * Jackson asks of a serializer besides {@code serialize} is forwarded, and a contextual copy of the delegate is wrapped
 * again, so the check survives Jackson's per-property specialisation.
 */
abstract class GuardSerializer extends JsonSerializer<Object> implements ContextualSerializer, ResolvableSerializer {
  final JsonSerializer<Object> delegate;

  @SuppressWarnings("unchecked")
  GuardSerializer(JsonSerializer<?> delegate) {
    this.delegate = (JsonSerializer<Object>) delegate;
  }

  /** The same check around another (contextual) delegate. */
  abstract GuardSerializer around(JsonSerializer<?> newDelegate);

  @Override
  public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property)
      throws JsonMappingException {
    if (!(delegate instanceof ContextualSerializer)) {
      return this;
    }
    JsonSerializer<?> contextual = ((ContextualSerializer) delegate).createContextual(provider, property);
    return contextual == delegate ? this : around(contextual);
  }

  @Override
  public void resolve(SerializerProvider provider) throws JsonMappingException {
    if (delegate instanceof ResolvableSerializer) {
      ((ResolvableSerializer) delegate).resolve(provider);
    }
  }

  @Override
  public void serializeWithType(Object value, JsonGenerator gen, SerializerProvider provider, TypeSerializer typeSer)
      throws IOException {
    // The codec never writes type information; this only keeps Jackson's contract.
    delegate.serializeWithType(value, gen, provider, typeSer);
  }

  @Override
  public boolean isEmpty(SerializerProvider provider, Object value) {
    return delegate.isEmpty(provider, value);
  }

  @Override
  public boolean usesObjectId() {
    return delegate.usesObjectId();
  }

  @Override
  public Class<Object> handledType() {
    return delegate.handledType();
  }

  @Override
  public Iterator<PropertyWriter> properties() {
    return delegate.properties();
  }

  @Override
  public JsonSerializer<?> getDelegatee() {
    return delegate;
  }
}
