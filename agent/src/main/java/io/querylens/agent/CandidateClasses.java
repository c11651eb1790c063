package io.querylens.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decides, from class files alone, which loading classes could match an instrumentation, so that Byte Buddy is shown
 * only those. Nearly every class an application loads (tens of thousands for a Spring Boot application) reaches
 * none of {@code java.sql.Statement}, {@code java.sql.Connection}, the servlet {@code Filter} and {@code Servlet}
 * and carries no QueryLens annotation; letting Byte Buddy describe each of them, and resolve its hierarchy through
 * its type pool, was most of the agent's start-up cost and memory.
 *
 * <p>A class is a candidate when its class file holds a marker (the annotations' descriptor), when it names one of
 * the instrumented super types as its superclass or an interface, or when its superclass or an interface is a
 * candidate. The answer is remembered per class loader as one boolean per class name; a super type not seen yet (a
 * superclass loads after its subclass's class file is transformed) is read as a resource through the same loader.
 * Whatever cannot be read or understood is a candidate: the filter may let a class through needlessly, never keep a
 * matching one away. Byte Buddy's matchers still decide for every class let through.
 */
final class CandidateClasses {
  /** No class hierarchy is this deep; past it, something is wrong with the class files, so let Byte Buddy look. */
  private static final int MAX_DEPTH = 64;
  private final Set<String> supertypes;
  private final List<byte[]> markers;
  private final Map<ClassLoader, Map<String, Boolean>> byLoader = new WeakHashMap<>();
  /** Only the bootstrap and platform loaders may define {@code java.*}, so their answers hold for every loader. */
  private final Map<String, Boolean> jdk = new ConcurrentHashMap<>();
  private final AtomicLong unreadable = new AtomicLong();

  /**
   * @param supertypes internal names ({@code java/sql/Statement}) whose subtypes are candidates
   * @param markers strings whose presence at the start of a constant-pool entry makes a class a candidate
   */
  CandidateClasses(Collection<String> supertypes, Collection<String> markers) {
    this.supertypes = Set.copyOf(supertypes);
    List<byte[]> bytes = new ArrayList<>();
    markers.forEach(marker -> bytes.add(marker.getBytes(StandardCharsets.UTF_8)));
    this.markers = List.copyOf(bytes);
  }

  /** Whether the class being defined from {@code classFile} by {@code loader} could match an instrumentation. */
  boolean mayMatch(ClassLoader loader, byte[] classFile) {
    ClassFileHeader header;
    try {
      header = ClassFileHeader.read(classFile, markers);
    } catch (IllegalArgumentException unreadableClassFile) {
      unreadable.incrementAndGet();
      return true;
    }
    boolean candidate = isCandidate(loader, header, 0);
    remembered(loader, header.name()).put(header.name(), candidate);
    return candidate;
  }

  /** Super types whose class files could not be found or read, so their subclasses were let through. */
  long unreadable() {
    return unreadable.get();
  }

  private boolean isCandidate(ClassLoader loader, ClassFileHeader header, int depth) {
    if (header.marked() || supertypes.contains(header.name())) {
      return true;
    }
    if (header.superName() != null && isCandidateType(loader, header.superName(), depth)) {
      return true;
    }
    for (String implemented : header.interfaces()) {
      if (isCandidateType(loader, implemented, depth)) {
        return true;
      }
    }
    return false;
  }

  private boolean isCandidateType(ClassLoader loader, String name, int depth) {
    if (supertypes.contains(name)) {
      return true;
    }
    if ("java/lang/Object".equals(name)) {
      return false;
    }
    Map<String, Boolean> remembered = remembered(loader, name);
    Boolean known = remembered.get(name);
    if (known != null) {
      return known;
    }
    boolean candidate = depth >= MAX_DEPTH || readAndDecide(loader, name, depth + 1);
    remembered.put(name, candidate);
    return candidate;
  }

  private boolean readAndDecide(ClassLoader loader, String name, int depth) {
    String resource = name + ".class";
    try (InputStream in = loader == null ? ClassLoader.getSystemResourceAsStream(resource)
        : loader.getResourceAsStream(resource)) {
      if (in == null) {
        unreadable.incrementAndGet();
        return true;
      }
      return isCandidate(loader, ClassFileHeader.read(in.readAllBytes(), markers), depth);
    } catch (IOException | IllegalArgumentException | SecurityException unreadableClassFile) {
      unreadable.incrementAndGet();
      return true;
    }
  }

  private Map<String, Boolean> remembered(ClassLoader loader, String name) {
    if (name.startsWith("java/")) {
      return jdk;
    }
    synchronized (byLoader) {
      return byLoader.computeIfAbsent(loader, any -> new ConcurrentHashMap<>());
    }
  }
}
