package io.querylens.agent.cache;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;

/**
 * Finds {@code @Cached} and {@code @CacheEvict} on a loading class's own methods, or on the methods of the interfaces
 * it implements (directly, or through their super-interfaces): the only places a JDK proxy's annotations can be.
 *
 * <p>Everything is read from class files with ASM; nothing is loaded. The prefilter shows this only classes whose
 * class file, or one of whose interfaces' class files, names an annotation. An interface's annotated methods are
 * remembered per class loader, and an interface whose class file does not name the annotations is not parsed at all:
 * only its super-interfaces are read from its header. Superclasses are never walked: an annotated method of a
 * superclass is woven where it is declared, when the superclass loads. Only the JDK's interfaces, which cannot carry
 * an application's annotation, are skipped by name.
 */
final class AnnotatedMethods {
  static final String CACHED = "Lio/querylens/annotations/Cached;";
  static final String EVICT = "Lio/querylens/annotations/CacheEvict;";

  /** What {@code Lio/querylens/annotations/Cached;} and {@code ...CacheEvict;} start with in a constant pool. */
  static final String DESCRIPTOR_PREFIX_TEXT = "Lio/querylens/annotations/Cache";
  private static final byte[] DESCRIPTOR_PREFIX =
      DESCRIPTOR_PREFIX_TEXT.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  private static final String[] JDK_PREFIXES = {"java/", "jdk/", "sun/", "com/sun/", "io/querylens/agent/"};
  private static final int MAX_REMEMBERED = 100_000;
  private static final int NOT_WOVEN = Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE | Opcodes.ACC_BRIDGE;
  private static final Shape NOTHING = new Shape("", new String[0], List.of());

  /** Per class loader, per interface (internal name), its shape: annotated methods and super-interfaces. */
  private final Map<ClassLoader, Map<String, Shape>> interfaces = new WeakHashMap<>();

  /**
   * An annotation that applies to a method.
   *
   * @param declaringType the binary name of the type whose method carries it
   * @param signature that method's generic signature, or its descriptor if it has none: on an interface, it has the
   *     generic return type that a proxy's erased implementation lacks
   * @param values the values the annotation sets (defaults are not in the class file)
   */
  record Found(String declaringType, String signature, Map<String, Object> values) {
    <T> T value(String name, Class<T> type, T fallback) {
      Object value = values.get(name);
      return type.isInstance(value) ? type.cast(value) : fallback;
    }
  }

  /** A method of the loading class, and the annotations that apply to it (either may be null, not both). */
  record Method(String name, String descriptor, boolean isStatic, Found cached, Found evict) {}

  /** A method as read from a class file: only those carrying one of the annotations are kept. */
  private record Declared(int access, String name, String descriptor, String signature,
      Map<String, Object> cached, Map<String, Object> evict) {}

  /** What matching needs of a class file. */
  private record Shape(String name, String[] interfaces, List<Declared> annotated) {}

  /**
   * The methods of the class in {@code classFile} that the cache instruments: instance or static, with a body, and
   * annotated themselves or implementing an annotated interface method. Empty for interfaces and annotations.
   *
   * @param loader the class's loader, through which its interfaces' class files are read
   */
  List<Method> find(ClassLoader loader, byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    if ((reader.getAccess() & (Opcodes.ACC_INTERFACE | Opcodes.ACC_ANNOTATION)) != 0) {
      return List.of();
    }
    List<Declared> declared = new ArrayList<>();
    Shape own = parse(reader, declared);
    String type = own.name().replace('/', '.');
    String[] implemented = reader.getInterfaces();
    Map<String, Shape> known = implemented.length == 0 ? null : interfacesOf(loader);
    List<Method> found = new ArrayList<>();
    for (Declared method : declared) {
      String[] signature = {method.name(), method.descriptor()};
      boolean isStatic = (method.access() & Opcodes.ACC_STATIC) != 0;
      Found cached = method.cached() == null ? null : new Found(type, signatureOf(method), method.cached());
      Found evict = method.evict() == null ? null : new Found(type, signatureOf(method), method.evict());
      for (int i = 0; known != null && !isStatic && i < implemented.length; i++) {
        cached = cached != null ? cached : inInterface(loader, known, implemented[i], signature, CACHED, 0);
        evict = evict != null ? evict : inInterface(loader, known, implemented[i], signature, EVICT, 0);
      }
      if (cached != null || evict != null) {
        found.add(new Method(method.name(), method.descriptor(), isStatic, cached, evict));
      }
    }
    return found;
  }

  private static String signatureOf(Declared method) {
    return method.signature() != null ? method.signature() : method.descriptor();
  }

  /** The annotation on the interface's method of that name and descriptor, or its super-interfaces', or null. */
  private Found inInterface(ClassLoader loader, Map<String, Shape> known, String name, String[] method,
      String annotation, int depth) {
    if (depth > 64 || isJdk(name)) {
      return null;
    }
    Shape shape = shapeOf(loader, known, name);
    for (Declared candidate : shape.annotated()) {
      Map<String, Object> values = annotation.equals(CACHED) ? candidate.cached() : candidate.evict();
      if (values != null && candidate.name().equals(method[0]) && candidate.descriptor().equals(method[1])
          && (candidate.access() & Opcodes.ACC_STATIC) == 0) {
        return new Found(name.replace('/', '.'), signatureOf(candidate), values);
      }
    }
    for (String parent : shape.interfaces()) {
      Found found = inInterface(loader, known, parent, method, annotation, depth + 1);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  private Map<String, Shape> interfacesOf(ClassLoader loader) {
    synchronized (interfaces) {
      return interfaces.computeIfAbsent(loader, any -> new ConcurrentHashMap<>());
    }
  }

  /** The interface's shape, read once per loader; one that cannot be read has nothing to offer. */
  private static Shape shapeOf(ClassLoader loader, Map<String, Shape> known, String name) {
    Shape shape = known.get(name);
    if (shape != null) {
      return shape;
    }
    shape = NOTHING;
    try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(name + ".class")
        : loader.getResourceAsStream(name + ".class")) {
      if (in != null) {
        byte[] bytes = in.readAllBytes();
        ClassReader reader = new ClassReader(bytes);
        shape = mentionsAnnotations(bytes) ? parse(reader, null)
            : new Shape(name, reader.getInterfaces(), List.of());
      }
    } catch (IOException | RuntimeException unreadable) {
      shape = NOTHING; // an interface whose class file is missing cannot carry annotations we could honour
    }
    if (known.size() < MAX_REMEMBERED) {
      known.put(name, shape);
    }
    return shape;
  }

  /**
   * The class's name, interfaces and annotated methods.
   *
   * @param declared if not null, gets every method with a body (constructors aside), annotated or not
   */
  private static Shape parse(ClassReader reader, List<Declared> declared) {
    List<Declared> annotated = new ArrayList<>();
    reader.accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
          String[] exceptions) {
        return new MethodVisitor(Opcodes.ASM9) {
          private Map<String, Object> cached;
          private Map<String, Object> evict;

          @Override
          public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
            if (annotation.equals(CACHED)) {
              cached = new HashMap<>();
              return new Values(cached);
            }
            if (annotation.equals(EVICT)) {
              evict = new HashMap<>();
              return new Values(evict);
            }
            return null;
          }

          @Override
          public void visitEnd() {
            Declared method = new Declared(access, name, descriptor, signature, cached, evict);
            if (cached != null || evict != null) {
              annotated.add(method);
            }
            if (declared != null && (access & NOT_WOVEN) == 0 && name.charAt(0) != '<') {
              declared.add(method);
            }
          }
        };
      }
    }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return new Shape(reader.getClassName(), reader.getInterfaces(), annotated);
  }

  /** An annotation's values: strings and booleans as they are, arrays of strings as {@code String[]}. */
  private static final class Values extends AnnotationVisitor {
    private final Map<String, Object> values;

    Values(Map<String, Object> values) {
      super(Opcodes.ASM9);
      this.values = values;
    }

    @Override
    public void visit(String name, Object value) {
      values.put(name, value);
    }

    @Override
    public AnnotationVisitor visitArray(String name) {
      List<String> elements = new ArrayList<>();
      return new AnnotationVisitor(Opcodes.ASM9) {
        @Override
        public void visit(String ignored, Object value) {
          elements.add(String.valueOf(value));
        }

        @Override
        public void visitEnd() {
          values.put(name, elements.toArray(new String[0]));
        }
      };
    }
  }

  /**
   * Whether the class file mentions either annotation: a method annotated with one holds its descriptor in the
   * constant pool.
   */
  static boolean mentionsAnnotations(byte[] bytes) {
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
}
