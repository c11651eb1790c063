package io.querylens.agent.cache;

import static net.bytebuddy.matcher.ElementMatchers.annotationType;
import static net.bytebuddy.matcher.ElementMatchers.named;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.annotation.AnnotationList;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;

/**
 * Finds {@code @Cached} and {@code @CacheEvict} on a class's own methods, or on the methods of the interfaces it
 * implements (directly, or through their super-interfaces) — the only places a JDK proxy's annotations can be.
 *
 * <p>This runs for every class the JVM loads, so it stays cheap: it reads annotations from class files through Byte
 * Buddy's type pool (nothing is loaded), never walks superclasses, skips the JDK's and the big frameworks'
 * interfaces, and remembers per interface name whether it has annotated methods at all.
 */
final class AnnotatedMethods {
  static final String CACHED = "io.querylens.annotations.Cached";
  static final String EVICT = "io.querylens.annotations.CacheEvict";

  private static final String[] SKIPPED_INTERFACE_PREFIXES = {
      "java.", "javax.", "jakarta.", "jdk.", "sun.", "kotlin.", "scala.", "groovy.", "org.springframework.",
      "org.hibernate.", "org.apache.", "org.eclipse.", "com.fasterxml.", "io.micrometer.", "io.querylens.agent."};
  private static final int MAX_REMEMBERED = 100_000;
  private static final Map<String, Boolean> INTERFACE_HAS_ANNOTATIONS = new ConcurrentHashMap<>();

  private AnnotatedMethods() {}

  /** Whether the type has any method the cache instruments: the type matcher. */
  static boolean hasAny(TypeDescription type) {
    if (type.isInterface() || type.isAnnotation()) {
      return false;
    }
    for (MethodDescription.InDefinedShape method : type.getDeclaredMethods()) {
      if (isAnnotated(method.getDeclaredAnnotations())) {
        return true;
      }
    }
    for (TypeDescription.Generic implemented : type.getInterfaces()) {
      if (interfaceHasAnnotations(implemented.asErasure())) {
        return true;
      }
    }
    return false;
  }

  /** The {@code annotationName} annotation that applies to {@code method} of its declaring class, or null. */
  static Found find(MethodDescription method, String annotationName) {
    if (method.isAbstract() || method.isStatic() && method.isTypeInitializer()) {
      return null;
    }
    AnnotationDescription own = annotation(method.getDeclaredAnnotations(), annotationName);
    if (own != null) {
      return new Found(own, method.getDeclaringType().asErasure());
    }
    for (TypeDescription.Generic implemented : method.getDeclaringType().getInterfaces()) {
      Found found = findInInterface(implemented.asErasure(), method, annotationName);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** An annotation and the type whose method carries it. */
  record Found(AnnotationDescription annotation, TypeDescription declaringType) {}

  private static Found findInInterface(TypeDescription anInterface, MethodDescription method, String annotationName) {
    if (!interfaceHasAnnotations(anInterface)) {
      return null;
    }
    for (MethodDescription.InDefinedShape candidate : anInterface.getDeclaredMethods()) {
      if (candidate.getName().equals(method.getName())
          && candidate.asSignatureToken().equals(method.asDefined().asSignatureToken())) {
        AnnotationDescription found = annotation(candidate.getDeclaredAnnotations(), annotationName);
        if (found != null) {
          return new Found(found, anInterface);
        }
      }
    }
    for (TypeDescription.Generic parent : anInterface.getInterfaces()) {
      Found found = findInInterface(parent.asErasure(), method, annotationName);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private static boolean interfaceHasAnnotations(TypeDescription anInterface) {
    String name = anInterface.getName();
    for (String prefix : SKIPPED_INTERFACE_PREFIXES) {
      if (name.startsWith(prefix)) {
        return false;
      }
    }
    Boolean known = INTERFACE_HAS_ANNOTATIONS.get(name);
    if (known != null) {
      return known;
    }
    boolean has = false;
    try {
      for (MethodDescription.InDefinedShape method : anInterface.getDeclaredMethods()) {
        if (isAnnotated(method.getDeclaredAnnotations())) {
          has = true;
          break;
        }
      }
      if (!has) {
        for (TypeDefinition parent : anInterface.getInterfaces()) {
          if (interfaceHasAnnotations(parent.asErasure())) {
            has = true;
            break;
          }
        }
      }
    } catch (RuntimeException unresolvable) {
      has = false; // an interface whose class file is missing cannot carry annotations we could honour
    }
    if (INTERFACE_HAS_ANNOTATIONS.size() < MAX_REMEMBERED) {
      INTERFACE_HAS_ANNOTATIONS.put(name, has);
    }
    return has;
  }

  private static boolean isAnnotated(AnnotationList annotations) {
    return !annotations.filter(annotationType(named(CACHED).or(named(EVICT)))).isEmpty();
  }

  private static AnnotationDescription annotation(AnnotationList annotations, String name) {
    AnnotationList found = annotations.filter(annotationType(named(name)));
    return found.isEmpty() ? null : found.getOnly();
  }
}
