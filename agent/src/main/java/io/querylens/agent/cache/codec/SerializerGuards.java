package io.querylens.agent.cache.codec;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.ser.BeanPropertyWriter;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.std.BeanSerializerBase;
import com.fasterxml.jackson.databind.type.CollectionLikeType;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.databind.type.MapLikeType;
import com.fasterxml.jackson.databind.type.MapType;
import java.lang.reflect.Modifier;
import java.util.List;

/**
 * Puts the codec's checks around the serializers Jackson builds: {@link BeanGuardSerializer} around every bean
 * serializer, {@link ContainerGuardSerializer} around every collection and map serializer, and {@link
 * LazyOmittingPropertyWriter} in place of every bean property that could hold a Hibernate proxy or collection.
 */
final class SerializerGuards extends BeanSerializerModifier {
  private static final long serialVersionUID = 1L;

  @Override
  public List<BeanPropertyWriter> changeProperties(SerializationConfig config, BeanDescription beanDesc,
      List<BeanPropertyWriter> properties) {
    for (int i = 0; i < properties.size(); i++) {
      BeanPropertyWriter property = properties.get(i);
      if (mayHoldLazyValue(property.getType())) {
        properties.set(i, new LazyOmittingPropertyWriter(property));
      }
    }
    return properties;
  }

  @Override
  public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription beanDesc,
      JsonSerializer<?> serializer) {
    return serializer instanceof BeanSerializerBase
        ? new BeanGuardSerializer(beanDesc.getBeanClass(), serializer) : serializer;
  }

  @Override
  public JsonSerializer<?> modifyCollectionSerializer(SerializationConfig config, CollectionType valueType,
      BeanDescription beanDesc, JsonSerializer<?> serializer) {
    return new ContainerGuardSerializer(serializer);
  }

  @Override
  public JsonSerializer<?> modifyCollectionLikeSerializer(SerializationConfig config, CollectionLikeType valueType,
      BeanDescription beanDesc, JsonSerializer<?> serializer) {
    return new ContainerGuardSerializer(serializer);
  }

  @Override
  public JsonSerializer<?> modifyMapSerializer(SerializationConfig config, MapType valueType,
      BeanDescription beanDesc, JsonSerializer<?> serializer) {
    return new ContainerGuardSerializer(serializer);
  }

  @Override
  public JsonSerializer<?> modifyMapLikeSerializer(SerializationConfig config, MapLikeType valueType,
      BeanDescription beanDesc, JsonSerializer<?> serializer) {
    return new ContainerGuardSerializer(serializer);
  }

  /**
   * Whether a property of this declared type could hold a Hibernate proxy (a subclass of a non-final application
   * class) or a persistent collection or map. Strings, numbers, records, enums, {@code java.time} and arrays cannot,
   * and their properties are left alone.
   */
  static boolean mayHoldLazyValue(JavaType type) {
    Class<?> raw = type.getRawClass();
    if (type.isCollectionLikeType() || type.isMapLikeType()) {
      return true;
    }
    return !raw.isPrimitive() && !raw.isArray() && !raw.isEnum() && !Modifier.isFinal(raw.getModifiers())
        && !TypeShape.isPlatformClass(raw);
  }
}
