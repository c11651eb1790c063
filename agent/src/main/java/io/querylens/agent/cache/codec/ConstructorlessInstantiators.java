package io.querylens.agent.cache.codec;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.deser.ValueInstantiators;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;

/**
 * Lets the codec decode plain classes that have no no-argument constructor, such as immutable DTOs with one
 * all-arguments constructor, by creating the instance without running any constructor and then setting its fields.
 *
 * <p>The codec caches an object's state, field by field, and restores that state; a constructor taking those values
 * in some other form could compute something different, and Jackson could only call it with parameter names that an
 * application compiled without {@code -parameters} does not have. So where Jackson finds neither a no-argument
 * constructor (of any visibility) nor a record's canonical constructor, this does what Java serialization does: the
 * JDK's {@code sun.reflect.ReflectionFactory} (module {@code jdk.unsupported}, present in Java 17 through 25) makes a
 * constructor that allocates the instance and runs only {@code Object()}. Every field then comes from the stored JSON,
 * final ones included (Jackson sets them by reflection, which Java 17 and 25 allow for ordinary classes). Field
 * initialisers do not run, which does not matter: the stored JSON holds every non-transient field.
 *
 * <p>Only classes the declared type names are instantiated this way, never a class named by stored data. JDK classes,
 * collections, maps, abstract classes and non-static inner classes are left to Jackson's own rules; without {@code
 * jdk.unsupported} this falls back to Jackson's rules too.
 */
final class ConstructorlessInstantiators extends ValueInstantiators.Base {
  private static final Object REFLECTION_FACTORY;
  private static final Method NEW_CONSTRUCTOR_FOR_SERIALIZATION;

  static {
    Object factory = null;
    Method newConstructor = null;
    try {
      Class<?> factoryClass = Class.forName("sun.reflect.ReflectionFactory");
      factory = factoryClass.getMethod("getReflectionFactory").invoke(null);
      newConstructor = factoryClass.getMethod("newConstructorForSerialization", Class.class, Constructor.class);
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      factory = null;
      newConstructor = null;
    }
    REFLECTION_FACTORY = factory;
    NEW_CONSTRUCTOR_FOR_SERIALIZATION = newConstructor;
  }

  @Override
  public ValueInstantiator findValueInstantiator(DeserializationConfig config, BeanDescription beanDesc,
      ValueInstantiator defaultInstantiator) {
    Class<?> type = beanDesc.getBeanClass();
    if (defaultInstantiator.canCreateUsingDefault() || defaultInstantiator.canCreateFromObjectWith()
        || defaultInstantiator.canCreateUsingDelegate() || defaultInstantiator.canCreateUsingArrayDelegate()
        || !eligible(type)) {
      return defaultInstantiator;
    }
    Constructor<?> allocator = allocator(type);
    return allocator == null ? defaultInstantiator : new Allocating(defaultInstantiator, allocator);
  }

  private static boolean eligible(Class<?> type) {
    int modifiers = type.getModifiers();
    return !Modifier.isAbstract(modifiers) && !type.isInterface() && !type.isArray() && !type.isPrimitive()
        && !type.isEnum() && !type.isRecord() && !type.isAnonymousClass() && !type.isLocalClass()
        && !(type.isMemberClass() && !Modifier.isStatic(modifiers))
        && !Collection.class.isAssignableFrom(type) && !Map.class.isAssignableFrom(type)
        && !TypeShape.isPlatformClass(type);
  }

  private static Constructor<?> allocator(Class<?> type) {
    if (NEW_CONSTRUCTOR_FOR_SERIALIZATION == null) {
      return null;
    }
    try {
      Constructor<?> constructor = (Constructor<?>) NEW_CONSTRUCTOR_FOR_SERIALIZATION.invoke(REFLECTION_FACTORY, type,
          Object.class.getDeclaredConstructor());
      constructor.setAccessible(true);
      return constructor;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** Jackson's instantiator, plus a "default" creation that allocates without running a constructor. */
  private static final class Allocating extends ValueInstantiator.Delegating {
    private static final long serialVersionUID = 1L;
    private final transient Constructor<?> allocator;

    Allocating(ValueInstantiator delegate, Constructor<?> allocator) {
      super(delegate);
      this.allocator = allocator;
    }

    @Override
    public ValueInstantiator createContextual(DeserializationContext ctxt, BeanDescription beanDesc)
        throws JsonMappingException {
      ValueInstantiator contextual = delegate().createContextual(ctxt, beanDesc);
      return contextual == delegate() ? this : new Allocating(contextual, allocator);
    }

    @Override
    public boolean canInstantiate() {
      return true;
    }

    @Override
    public boolean canCreateUsingDefault() {
      return true;
    }

    @Override
    public Object createUsingDefault(DeserializationContext ctxt) throws IOException {
      try {
        return allocator.newInstance();
      } catch (InvocationTargetException e) {
        return ctxt.handleInstantiationProblem(getValueClass(), null, e.getCause());
      } catch (ReflectiveOperationException | RuntimeException e) {
        return ctxt.handleInstantiationProblem(getValueClass(), null, e);
      }
    }

    @Override
    public Object createUsingDefaultOrWithoutArguments(DeserializationContext ctxt) throws IOException {
      return createUsingDefault(ctxt);
    }
  }
}
