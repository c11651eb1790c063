package io.querylens.agent.instrumentation;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** Loads a woven copy of a test's class in a loader of its own, and calls its methods as the application would. */
final class WovenClasses {
  private WovenClasses() {}

  static byte[] classFile(Class<?> type) throws IOException {
    try (InputStream in = type.getClassLoader().getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }

  /** {@code woven} defined as {@code original}'s name, initialised; the JVM verifies it on the way. */
  static Class<?> load(Class<?> original, byte[] woven) throws ClassNotFoundException {
    ClassLoader loader = new ClassLoader(original.getClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (!name.equals(original.getName())) {
          return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
          Class<?> loaded = findLoadedClass(name);
          return loaded != null ? loaded : defineClass(name, woven, 0, woven.length);
        }
      }
    };
    return Class.forName(original.getName(), true, loader);
  }

  /** The public method of that name, with what it throws unwrapped. */
  static Object invoke(Object subject, String name, Object... arguments) throws Exception {
    for (Method method : subject.getClass().getMethods()) {
      if (method.getName().equals(name)) {
        try {
          return method.invoke(subject, arguments);
        } catch (InvocationTargetException thrown) {
          if (thrown.getCause() instanceof Exception exception) {
            throw exception;
          }
          throw thrown;
        }
      }
    }
    throw new NoSuchMethodException(name);
  }
}
