package io.querylens.agent.cache.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.PropertyName;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;

/**
 * Leaves out a property whose value is an uninitialised Hibernate proxy or collection, so that encoding an entity never
 * makes Hibernate run SQL. The property is absent from the JSON, so it decodes as whatever the field holds after
 * construction: {@code null}, or the collection a field initialiser creates.
 *
 * <p>Only properties whose declared type could hold such a value are wrapped (see {@link SerializerGuards}); reading the
 * field twice costs one reflective field read.
 */
final class LazyOmittingPropertyWriter extends BeanPropertyWriter {
  private static final long serialVersionUID = 1L;

  LazyOmittingPropertyWriter(BeanPropertyWriter base) {
    super(base);
  }

  private LazyOmittingPropertyWriter(BeanPropertyWriter base, PropertyName name) {
    super(base, name);
  }

  @Override
  protected BeanPropertyWriter _new(PropertyName newName) {
    return new LazyOmittingPropertyWriter(this, newName);
  }

  @Override
  public void serializeAsField(Object bean, JsonGenerator gen, SerializerProvider provider) throws Exception {
    if (HibernateLaziness.isUnloaded(get(bean))) {
      return;
    }
    super.serializeAsField(bean, gen, provider);
  }
}
