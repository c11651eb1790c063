package io.querylens.agent.cache.codec;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Recognises Hibernate's lazy proxies and lazy collections and asks them, without initialising them, whether they are
 * loaded.
 *
 * <p>The agent does not link against Hibernate: an application may run any version, or none, and the agent's class
 * loader could not see it anyway. So the interfaces are found by name among a value's own supertypes, and their methods
 * are called through reflection, looked up once per runtime class (a {@link ClassValue}, so nothing here keeps an
 * application's classes alive). The names have been stable since Hibernate 5: {@code
 * org.hibernate.proxy.HibernateProxy#getHibernateLazyInitializer()} with {@code LazyInitializer#isUninitialized()},
 * {@code #getImplementation()}, {@code #getIdentifier()} and {@code #getPersistentClass()}, none of which runs SQL
 * except {@code getImplementation()} on an uninitialised proxy, which is never called; and {@code
 * org.hibernate.collection.spi.PersistentCollection#wasInitialized()}.
 *
 * <p>Proven against a real Hibernate 7 session in {@code HibernateLazinessTest}.
 */
final class HibernateLaziness {
  private static final String PROXY_INTERFACE = "org.hibernate.proxy.HibernateProxy";
  private static final String COLLECTION_INTERFACE = "org.hibernate.collection.spi.PersistentCollection";

  /** Hibernate's own fields on proxies and bytecode-enhanced entities: bookkeeping, never entity state. */
  private static final String ENHANCEMENT_FIELD_PREFIX = "$$_hibernate_";
  private static final String PROXY_INITIALIZER_FIELD = "hibernateLazyInitializer";

  private static final Probe NOT_LAZY = new Probe();

  private static final ClassValue<Probe> PROBES = new ClassValue<>() {
    @Override
    protected Probe computeValue(Class<?> type) {
      Class<?> proxyInterface = findInterface(type, PROXY_INTERFACE);
      if (proxyInterface != null) {
        return ProxyProbe.of(proxyInterface);
      }
      Class<?> collectionInterface = findInterface(type, COLLECTION_INTERFACE);
      if (collectionInterface != null) {
        return CollectionProbe.of(collectionInterface);
      }
      return NOT_LAZY;
    }
  };

  private HibernateLaziness() {}

  /** Whether reading {@code value} would make Hibernate run SQL: an uninitialised proxy or collection. */
  static boolean isUnloaded(Object value) {
    return value != null && PROBES.get(value.getClass()).isUnloaded(value);
  }

  /** Whether {@code value} is a Hibernate proxy, initialised or not. */
  static boolean isProxy(Object value) {
    return value != null && PROBES.get(value.getClass()) instanceof ProxyProbe;
  }

  /** Whether {@code value} is a Hibernate persistent collection or map, initialised or not. */
  static boolean isPersistentCollection(Object value) {
    return value != null && PROBES.get(value.getClass()) instanceof CollectionProbe;
  }

  /**
   * The entity behind an initialised proxy, or {@code value} itself when it is not a proxy.
   *
   * @throws IllegalStateException if {@code value} is an uninitialised proxy: its target would have to be loaded
   */
  static Object unproxy(Object value) {
    Probe probe = value == null ? NOT_LAZY : PROBES.get(value.getClass());
    return probe instanceof ProxyProbe ? ((ProxyProbe) probe).implementation(value) : value;
  }

  /** The identifier of a proxy's entity; never loads it. */
  static Object proxyIdentifier(Object proxy) {
    return ((ProxyProbe) PROBES.get(proxy.getClass())).identifier(proxy);
  }

  /** The entity class a proxy stands for; never loads it. */
  static Class<?> proxyEntityClass(Object proxy) {
    return ((ProxyProbe) PROBES.get(proxy.getClass())).persistentClass(proxy);
  }

  /** Whether a field is Hibernate's bookkeeping on proxies or enhanced entities rather than state of the entity. */
  static boolean isBookkeepingField(String fieldName) {
    return fieldName.startsWith(ENHANCEMENT_FIELD_PREFIX) || fieldName.equals(PROXY_INITIALIZER_FIELD);
  }

  private static Class<?> findInterface(Class<?> type, String name) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Class<?> candidate : c.getInterfaces()) {
        Class<?> found = candidate.getName().equals(name) ? candidate : findInterface(candidate, name);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static Object call(Method method, Object target) {
    try {
      return method.invoke(target);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("Hibernate's " + method.getName() + "() failed on a "
          + target.getClass().getName(), e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Cannot call Hibernate's " + method, e);
    }
  }

  private static Method method(Class<?> owner, String name) {
    try {
      return owner.getMethod(name);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  /** What to ask values of one runtime class; the base class answers for everything that is not Hibernate's. */
  private static class Probe {
    boolean isUnloaded(Object value) {
      return false;
    }
  }

  private static final class ProxyProbe extends Probe {
    private final Method lazyInitializer;
    private final Method isUninitialized;
    private final Method implementation;
    private final Method identifier;
    private final Method persistentClass;

    private ProxyProbe(Method lazyInitializer, Class<?> initializerType) {
      this.lazyInitializer = lazyInitializer;
      this.isUninitialized = method(initializerType, "isUninitialized");
      this.implementation = method(initializerType, "getImplementation");
      this.identifier = method(initializerType, "getIdentifier");
      this.persistentClass = method(initializerType, "getPersistentClass");
    }

    static Probe of(Class<?> proxyInterface) {
      Method lazyInitializer = method(proxyInterface, "getHibernateLazyInitializer");
      if (lazyInitializer == null) {
        return NOT_LAZY;
      }
      ProxyProbe probe = new ProxyProbe(lazyInitializer, lazyInitializer.getReturnType());
      boolean complete = probe.isUninitialized != null && probe.implementation != null && probe.identifier != null
          && probe.persistentClass != null;
      return complete ? probe : NOT_LAZY;
    }

    @Override
    boolean isUnloaded(Object proxy) {
      return (Boolean) call(isUninitialized, call(lazyInitializer, proxy));
    }

    Object implementation(Object proxy) {
      Object initializer = call(lazyInitializer, proxy);
      if ((Boolean) call(isUninitialized, initializer)) {
        throw new IllegalStateException("an uninitialised Hibernate proxy of " + persistentClass(proxy).getName()
            + " cannot be read without loading it");
      }
      return call(implementation, initializer);
    }

    Object identifier(Object proxy) {
      return call(identifier, call(lazyInitializer, proxy));
    }

    Class<?> persistentClass(Object proxy) {
      return (Class<?>) call(persistentClass, call(lazyInitializer, proxy));
    }
  }

  private static final class CollectionProbe extends Probe {
    private final Method wasInitialized;

    private CollectionProbe(Method wasInitialized) {
      this.wasInitialized = wasInitialized;
    }

    static Probe of(Class<?> collectionInterface) {
      Method wasInitialized = method(collectionInterface, "wasInitialized");
      return wasInitialized == null ? NOT_LAZY : new CollectionProbe(wasInitialized);
    }

    @Override
    boolean isUnloaded(Object collection) {
      return !(Boolean) call(wasInitialized, collection);
    }
  }
}
