package io.querylens.agent.cache.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.util.StringJoiner;

/**
 * Stands before the bean serializer of one declared class and makes sure that what it writes can be read back as that
 * class:
 *
 * <ul>
 *   <li>An initialised Hibernate proxy is replaced by its entity; an uninitialised one is refused (where it can be left
 *       out, as an entity's property, {@link LazyOmittingPropertyWriter} already has).
 *   <li>An instance of a subclass is refused. The cache writes no type information, so it would decode as the declared
 *       class and silently lose the subclass and its fields.
 *   <li>A cycle (an object that contains itself, like {@code recipe.ingredients[0].recipe}) is refused with the chain of
 *       classes, instead of recursing until Jackson's nesting limit. Breaking it silently would return a different graph
 *       from a cache hit than from the method; {@code @JsonBackReference} on the child's field breaks it explicitly and
 *       restores it on decode.
 * </ul>
 *
 * <p>The serializers are chosen by declared type ({@code MapperFeature.USE_STATIC_TYPING}), which is what lets this
 * check know the declared class. The path of objects being written is kept per thread: Jackson serializes a value on
 * the calling thread, start to end.
 */
final class BeanGuardSerializer extends GuardSerializer {
  private static final ThreadLocal<GraphPath> PATHS = ThreadLocal.withInitial(GraphPath::new);

  private final Class<?> declaredClass;

  BeanGuardSerializer(Class<?> declaredClass, JsonSerializer<?> delegate) {
    super(delegate);
    this.declaredClass = declaredClass;
  }

  @Override
  GuardSerializer around(JsonSerializer<?> newDelegate) {
    return new BeanGuardSerializer(declaredClass, newDelegate);
  }

  @Override
  public void serialize(Object value, JsonGenerator gen, SerializerProvider provider) throws IOException {
    Object bean = value;
    if (bean.getClass() != declaredClass) {
      if (HibernateLaziness.isProxy(bean)) {
        if (HibernateLaziness.isUnloaded(bean)) {
          throw JsonMappingException.from(provider, "an uninitialised Hibernate proxy of "
              + HibernateLaziness.proxyEntityClass(bean).getName() + " cannot be cached: reading it would run SQL"
              + " (only an entity's property can be left out)");
        }
        bean = HibernateLaziness.unproxy(bean);
      }
      if (bean.getClass() != declaredClass) {
        throw JsonMappingException.from(provider, "a " + bean.getClass().getName() + " where "
            + declaredClass.getName() + " is declared cannot be cached: no type information is stored, so it would"
            + " come back as a " + declaredClass.getSimpleName());
      }
    }
    GraphPath path = PATHS.get();
    path.enter(bean, provider);
    try {
      delegate.serialize(bean, gen, provider);
    } finally {
      path.exit();
    }
  }

  /** The objects currently being written on this thread, outermost first. */
  private static final class GraphPath {
    private Object[] beans = new Object[16];
    private int depth;

    void enter(Object bean, SerializerProvider provider) throws JsonMappingException {
      for (int i = 0; i < depth; i++) {
        if (beans[i] == bean) {
          throw JsonMappingException.from(provider, "a cycle cannot be cached: " + chain(i, bean)
              + " (mark the back reference @JsonBackReference, or @JsonIgnore)");
        }
      }
      if (depth == beans.length) {
        beans = java.util.Arrays.copyOf(beans, depth * 2);
      }
      beans[depth++] = bean;
    }

    void exit() {
      beans[--depth] = null;
    }

    private String chain(int from, Object repeated) {
      StringJoiner chain = new StringJoiner(" -> ");
      for (int i = from; i < depth; i++) {
        chain.add(beans[i].getClass().getSimpleName());
      }
      return chain.add(repeated.getClass().getSimpleName()).toString();
    }
  }
}
