package io.querylens.agent.cache.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.Serializers;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * The codec's additions to Jackson, in one place: {@link OptionalJson}, {@link SpringDataPages}, refusal of {@code
 * java.lang.Class} values, {@link SerializerGuards} and {@link ConstructorlessInstantiators}.
 */
final class CodecModule extends Module {
  static final String CLASS_REFUSAL = "java.lang.Class values are not cached: reading one back would load a class"
      + " named by the stored data";

  @Override
  public String getModuleName() {
    return "querylens-cache-codec";
  }

  @Override
  public Version version() {
    return Version.unknownVersion();
  }

  @Override
  public void setupModule(SetupContext context) {
    context.addSerializers(new Serializers.Base() {
      @Override
      public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type, BeanDescription beanDesc) {
        if (type.getRawClass() == Class.class) {
          return new ClassRefusal();
        }
        JsonSerializer<?> optional = OptionalJson.serializerFor(type);
        return optional != null ? optional : SpringDataPages.serializerFor(type);
      }
    });
    context.addDeserializers(new Deserializers.Base() {
      @Override
      public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
          BeanDescription beanDesc) {
        if (type.getRawClass() == Class.class) {
          return new ClassDeserializerRefusal();
        }
        JsonDeserializer<?> optional = OptionalJson.deserializerFor(type);
        return optional != null ? optional : SpringDataPages.deserializerFor(type);
      }

      @Override
      public boolean hasDeserializerFor(DeserializationConfig config, Class<?> valueType) {
        return valueType == Class.class || SpringDataDomain.isDeclarable(valueType)
            || OptionalJson.deserializerFor(config.constructType(valueType)) != null;
      }
    });
    context.addBeanSerializerModifier(new SerializerGuards());
    context.addValueInstantiators(new ConstructorlessInstantiators());
  }

  private static final class ClassRefusal extends StdSerializer<Object> {
    private static final long serialVersionUID = 1L;

    ClassRefusal() {
      super(Class.class, false);
    }

    @Override
    public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      throw JsonMappingException.from(provider, CLASS_REFUSAL);
    }
  }

  private static final class ClassDeserializerRefusal extends StdDeserializer<Object> {
    private static final long serialVersionUID = 1L;

    ClassDeserializerRefusal() {
      super(Class.class);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return ctxt.reportInputMismatch(this, CLASS_REFUSAL);
    }
  }
}
