package io.querylens.agent.cache;

import static net.bytebuddy.matcher.ElementMatchers.annotationType;
import static net.bytebuddy.matcher.ElementMatchers.named;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.annotation.AnnotationList;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.MethodList;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * Finds {@code @Cached} and {@code @CacheEvict} on a class's own methods, or on the methods of the interfaces it
 * implements (directly, or through their super-interfaces) — the only places a JDK proxy's annotations can be.
 *
 * <p>This runs for every class the JVM loads, so it stays cheap: it reads annotations from class files through Byte
 * Buddy's type pool (nothing is loaded), never walks superclasses, and remembers per interface name whether it has
 * annotated methods at all. An interface in any package may carry them (a Spring sample's repositories live under
 * {@code org.springframework.samples}): before parsing one, a byte search of its class file for the annotations'
 * descriptor, which any annotated class file holds in its constant pool, rules out nearly every interface for the
 * cost of reading it. Only the JDK's interfaces, which cannot carry an application's annotation, are skipped by name.
 */
final class AnnotatedMethods {
  static final String CACHED = "io.querylens.annotations.Cached";
  static final String EVICT = "io.querylens.annotations.CacheEvict";

  /** What {@code Lio/querylens/annotations/Cached;} and {@code ...CacheEvict;} start with in a constant pool. */
  static final String DESCRIPTOR_PREFIX_TEXT = "Lio/querylens/annotations/Cache";
  private static final byte[] DESCRIPTOR_PREFIX =
      DESCRIPTOR_PREFIX_TEXT.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final String[] JDK_PREFIXES = {"java.", "jdk.", "sun.", "com.sun.", "io.querylens.agent."};
  private static final int MAX_REMEMBERED = 100_000;
  private static final Map<String, Boolean> INTERFACE_HAS_ANNOTATIONS = new ConcurrentHashMap<>();

  private AnnotatedMethods() {}

  /** Whether the type has any method the cache instruments: the type matcher. */
  static boolean hasAny(TypeDescription type, ClassLoader loader) {
    if (type.isInterface() || type.isAnnotation()) {
      return false;
    }
    if (hasAnnotatedMethod(type.getDeclaredMethods())) {
      return true;
    }
    ClassFileLocator classFiles = loader == null ? ClassFileLocator.ForClassLoader.ofBootLoader()
        : ClassFileLocator.ForClassLoader.of(loader);
    for (TypeDescription.Generic implemented : type.getInterfaces()) {
      if (interfaceHasAnnotations(implemented.asErasure(), classFiles)) {
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
      return new Found(own, method.getDeclaringType().asErasure(), method);
    }
    for (TypeDescription.Generic implemented : method.getDeclaringType().getInterfaces()) {
      Found found = findInInterface(implemented.asErasure(), method, annotationName);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /**
   * An annotation, the type whose method carries it, and that method: on an interface, it has the generic return
   * type that a proxy's erased implementation lacks.
   */
  record Found(AnnotationDescription annotation, TypeDescription declaringType, MethodDescription annotated) {}

  private static Found findInInterface(TypeDescription anInterface, MethodDescription method, String annotationName) {
    if (!interfaceHasAnnotations(anInterface, null)) {
      return null;
    }
    for (MethodDescription.InDefinedShape candidate : anInterface.getDeclaredMethods()) {
      if (candidate.getName().equals(method.getName())
          && candidate.asSignatureToken().equals(method.asDefined().asSignatureToken())) {
        AnnotationDescription found = annotation(candidate.getDeclaredAnnotations(), annotationName);
        if (found != null) {
          return new Found(found, anInterface, candidate);
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

  /**
   * @param classFiles where to read the interface's class file for the quick test, or null to parse it through the
   *     type pool straight away (when the verdict is usually remembered already)
   */
  private static boolean interfaceHasAnnotations(TypeDescription anInterface, ClassFileLocator classFiles) {
    String name = anInterface.getName();
    if (isJdk(name)) {
      return false;
    }
    Boolean known = INTERFACE_HAS_ANNOTATIONS.get(name);
    if (known != null) {
      return known;
    }
    boolean has;
    try {
      has = (classFiles == null || mentionsAnnotations(classFiles, name))
          && hasAnnotatedMethod(anInterface.getDeclaredMethods());
      if (!has) {
        for (TypeDefinition parent : anInterface.getInterfaces()) {
          if (interfaceHasAnnotations(parent.asErasure(), classFiles)) {
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

  private static boolean hasAnnotatedMethod(MethodList<MethodDescription.InDefinedShape> methods) {
    for (MethodDescription.InDefinedShape method : methods) {
      if (isAnnotated(method.getDeclaredAnnotations())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the class file mentions either annotation: a method annotated with one holds its descriptor in the
   * constant pool. A class file that cannot be read is parsed instead, so that nothing is missed.
   */
  private static boolean mentionsAnnotations(ClassFileLocator classFiles, String name) {
    byte[] bytes;
    try {
      ClassFileLocator.Resolution resolution = classFiles.locate(name);
      if (!resolution.isResolved()) {
        return true;
      }
      bytes = resolution.resolve();
    } catch (java.io.IOException | RuntimeException unreadable) {
      return true;
    }
    outer:
    for (int i = 0, last = bytes.length - DESCRIPTOR_PREFIX.length; i <= last; i++) {
      for (int j = 0; j < DESCRIPTOR_PREFIX.length; j++) {
        if (bytes[i + j] != DESCRIPTOR_PREFIX[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static boolean isJdk(String name) {
    for (String prefix : JDK_PREFIXES) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isAnnotated(AnnotationList annotations) {
    return !annotations.filter(annotationType(named(CACHED).or(named(EVICT)))).isEmpty();
  }

  private static AnnotationDescription annotation(AnnotationList annotations, String name) {
    AnnotationList found = annotations.filter(annotationType(named(name)));
    return found.isEmpty() ? null : found.getOnly();
  }
}
