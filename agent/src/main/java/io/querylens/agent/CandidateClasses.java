package io.querylens.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.CodeSource;
import java.security.ProtectionDomain;
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
 * Decides, from class files alone, which loading classes could match an instrumentation, so that only those are
 * woven. Nearly every class an application loads (fourteen thousand for the demo) reaches none of
 * {@code java.sql.Statement}, {@code java.sql.Connection}, the servlet {@code Filter} and {@code Servlet} and carries
 * no QueryLens annotation; letting a bytecode library describe each of them, and resolve its hierarchy through its type
 * pool, was most of the agent's start-up cost and memory when the agent was built on Byte Buddy.
 *
 * <p>A class is a candidate when its class file holds a marker (the annotations' descriptor), when it names one of
 * the instrumented super types as its superclass or an interface, when one of its interfaces reaches them or holds a
 * marker, or when it declares a method an instrumentation changes ({@code executeQuery}, {@code doFilter}...) and its
 * superclass reaches them. For a class that is none of these, the superclass is not looked at: a class that declares
 * none of those methods has nothing to change when it merely inherits them, and the topmost class of a
 * {@code Statement} hierarchy, which gets the agent's fields, names its interface itself.
 *
 * <p>What a type reaches is remembered per class loader as a set of bits, one per instrumented super type (or, for a
 * class seen loading, the name of the superclass whose answer is also its own); a super type not seen yet (a
 * superclass or interface loads after the class that names it) is read as a resource through the same loader.
 * Whatever cannot be read or understood is a candidate, marked {@link #UNREADABLE}: the filter may let a class
 * through needlessly, never keep a matching one away. For a candidate, {@link Candidate} says exactly which super
 * types it and its superclass reach, which is all the weaver needs to decide; for a marked class, the cache reads its
 * annotations.
 */
final class CandidateClasses {
  /** No class hierarchy is this deep; past it, something is wrong with the class files, so call it unreadable. */
  private static final int MAX_DEPTH = 64;
  /** The bit of a type that holds a marker, or implements or extends one that does. */
  static final int MARKED = 1 << 30;
  /** The bit of a type some super type of which could not be read: it may reach anything. */
  static final int UNREADABLE = 1 << 29;
  /** The answer of most classes, boxed once. */
  private static final Integer NOTHING = 0;
  /** Per instrumented super type, its bit. */
  private final Map<String, Integer> bits = new java.util.HashMap<>();
  private final byte[][] markers;
  private final MethodPatterns watchedMethods;
  private final Map<ClassLoader, LoaderState> byLoader = new WeakHashMap<>();
  /** Only the bootstrap and platform loaders may define {@code java.*}, so their answers hold for every loader. */
  private final Map<String, Object> jdk = new ConcurrentHashMap<>();
  private final AtomicLong unreadable = new AtomicLong();
  /**
   * Holds its loader strongly, but only until another loader's class loads: a web application that is undeployed
   * is released once the next class of any other loader loads.
   */
  private volatile LoaderMemo lastLoader;

  private record LoaderMemo(ClassLoader loader, LoaderState state) {}

  /** What is known of one class loader's classes. */
  private static final class LoaderState {
    /**
     * Per class name, the instrumented super types the type reaches and whether it holds a marker, as an
     * {@code Integer} of bits; or, for a class seen loading whose answer is its superclass's, that superclass's name,
     * resolved when first asked.
     */
    final Map<String, Object> reaches = new ConcurrentHashMap<>();
    /** Per package ({@code org/h2/jdbc/}), the {@code jar:} URL its classes were seen loading from. */
    final Map<String, URL> jarOfPackage = new ConcurrentHashMap<>();
    /**
     * The package last put in {@link #jarOfPackage}: classes load in runs from one package, and this saves the
     * package name's allocation and the map's lookup for nearly every one of them.
     */
    volatile String lastPackage = "";
  }

  /**
   * @param supertypes internal names ({@code java/sql/Statement}) whose subtypes are candidates
   * @param markers strings whose presence at the start of a constant-pool entry makes a class a candidate
   * @param methods the methods the instrumentations change, as {@link MethodPatterns}
   */
  CandidateClasses(Collection<String> supertypes, Collection<String> markers, Collection<String> methods) {
    this.watchedMethods = MethodPatterns.of(methods);
    for (String supertype : new java.util.TreeSet<>(supertypes)) {
      if (bits.size() == 29) {
        throw new IllegalArgumentException("at most 29 instrumented super types: " + supertypes);
      }
      bits.put(supertype, 1 << bits.size());
    }
    List<byte[]> bytes = new ArrayList<>();
    markers.forEach(marker -> bytes.add(marker.getBytes(StandardCharsets.UTF_8)));
    this.markers = bytes.toArray(new byte[0][]);
  }

  /**
   * A class let through the filter: its class file's header, the bits ({@link #bitOf}, {@link #MARKED},
   * {@link #UNREADABLE}) of what it reaches through its superclass and interfaces, and of what its superclass alone
   * reaches.
   */
  record Candidate(ClassFileHeader header, int reached, int superclassReached) {}

  /** A class that could not be looked at: it may reach anything, and is woven with nothing. */
  static final Candidate UNKNOWN = new Candidate(null, UNREADABLE, UNREADABLE);

  /** The bit {@code supertype} (an internal name given at construction) stands for in answers; 0 for any other. */
  int bitOf(String supertype) {
    return bits.getOrDefault(supertype, 0);
  }

  /**
   * The class being defined from {@code classFile} by {@code loader}, from where {@code domain} (if known) says, if it
   * could match an instrumentation; null if it cannot.
   */
  Candidate examine(ClassLoader loader, ProtectionDomain domain, byte[] classFile) {
    ClassFileHeader header;
    try {
      header = ClassFileHeader.read(classFile, markers, watchedMethods);
    } catch (IllegalArgumentException unreadableClassFile) {
      unreadable.incrementAndGet();
      return UNKNOWN;
    }
    rememberJar(loader, header.name(), domain);
    String name = header.name();
    int own = (header.marked() ? MARKED : 0) | bitOf(name);
    int interfaces = interfacesReach(loader, header, 0);
    if (own == 0 && interfaces == 0 && (!header.declaresWatchedMethod() || header.superName() == null)) {
      rememberUndecided(loader, header);
      return null;
    }
    int superclass = header.superName() == null ? 0 : reaches(loader, header.superName(), 0);
    int reached = own | interfaces | superclass;
    remembered(loader, name).put(name, reached);
    return reached == 0 ? null : new Candidate(header, reached, superclass);
  }

  /**
   * Remembers a class that is not a candidate itself and whose interfaces reach nothing: its answer for a subclass is
   * its superclass's. That is left for the first subclass to ask, since the superclass usually loads right after and
   * will be known then. Half the super types the demo's subclasses ask about had already loaded; without this, their
   * class files were read again.
   */
  private void rememberUndecided(ClassLoader loader, ClassFileHeader header) {
    if (header.isFinal()) {
      return; // nothing can name it as its superclass or interface
    }
    String superName = header.superName();
    Object answer = superName == null || "java/lang/Object".equals(superName) ? NOTHING : superName;
    remembered(loader, header.name()).putIfAbsent(header.name(), answer);
  }

  /** Super types whose class files could not be found or read, so their subclasses were let through. */
  long unreadable() {
    return unreadable.get();
  }

  /** What a type named by a class file holds or reaches, as bits. */
  private int reachesAny(ClassLoader loader, ClassFileHeader header, int depth) {
    int reached = (header.marked() ? MARKED : 0) | bitOf(header.name()) | interfacesReach(loader, header, depth);
    return header.superName() == null ? reached : reached | reaches(loader, header.superName(), depth);
  }

  private int interfacesReach(ClassLoader loader, ClassFileHeader header, int depth) {
    int reached = 0;
    for (String implemented : header.interfaces()) {
      reached |= reaches(loader, implemented, depth);
    }
    return reached;
  }

  /**
   * What a type reaches. An instrumented super type answers its own bit only, unread: instrumentations name every
   * type of a family ({@code Statement}, {@code PreparedStatement}...) and look for any of their bits.
   */
  private int reaches(ClassLoader loader, String name, int depth) {
    int bit = bitOf(name);
    if (bit != 0) {
      return bit;
    }
    if ("java/lang/Object".equals(name)) {
      return 0;
    }
    Map<String, Object> remembered = remembered(loader, name);
    Object known = remembered.get(name);
    if (known instanceof Integer) {
      return (Integer) known;
    }
    int reached;
    if (depth >= MAX_DEPTH) {
      reached = UNREADABLE;
    } else if (known instanceof String) {
      reached = reaches(loader, (String) known, depth + 1);
    } else {
      reached = readAndDecide(loader, name, depth + 1);
    }
    remembered.put(name, reached);
    return reached;
  }

  private int readAndDecide(ClassLoader loader, String name, int depth) {
    String resource = name + ".class";
    try (InputStream in = open(loader, resource)) {
      if (in == null) {
        unreadable.incrementAndGet();
        return UNREADABLE;
      }
      return reachesAny(loader, ClassFileHeader.read(in.readAllBytes(), markers), depth);
    } catch (IOException | IllegalArgumentException | SecurityException unreadableClassFile) {
      unreadable.incrementAndGet();
      return UNREADABLE;
    }
  }

  /**
   * A super type's class file, as the loader would find it.
   *
   * <p>First from the jar its package's classes loaded from, when that jar is a {@code jar:} URL (Spring Boot's
   * nested jars): a class loader whose class path is such URLs tries them one by one, a URL connection each, and a
   * super type's lookup through the demo's 73 jars cost about 160 µs, most of the prefilter's time. A package split
   * over two jars is found by the loader as before, after a miss here.
   *
   * <p>Then a {@code URLClassLoader} (Spring Boot's, a servlet container's) is asked for its own copy, which skips the
   * walk through its parents: it saves a third of the filter's time.
   *
   * <p>Both can find another copy of a class than the loader would, where two jars (or a parent and a child) hold the
   * same class: in practice that is the same library twice.
   */
  private InputStream open(ClassLoader loader, String resource) throws IOException {
    URL jar = jarOf(loader, resource);
    if (jar != null) {
      try {
        return new URL(jar, resource).openStream();
      } catch (IOException notThere) {
        // a split package, or a class name the URL does not take: ask the loader
      }
    }
    if (loader instanceof URLClassLoader urls) {
      URL own = urls.findResource(resource);
      if (own != null) {
        return own.openStream();
      }
    }
    return loader == null ? ClassLoader.getSystemResourceAsStream(resource) : loader.getResourceAsStream(resource);
  }

  private void rememberJar(ClassLoader loader, String className, ProtectionDomain domain) {
    CodeSource source = domain == null ? null : domain.getCodeSource();
    URL location = source == null ? null : source.getLocation();
    int slash = className.lastIndexOf('/');
    if (loader == null || location == null || slash < 0 || !"jar".equals(location.getProtocol())) {
      return;
    }
    LoaderState state = stateOf(loader);
    String last = state.lastPackage;
    if (last.length() == slash + 1 && className.startsWith(last)) {
      return;
    }
    if (!location.getPath().endsWith("!/")) {
      return;
    }
    String pkg = className.substring(0, slash + 1);
    state.jarOfPackage.putIfAbsent(pkg, location);
    state.lastPackage = pkg;
  }

  private URL jarOf(ClassLoader loader, String resource) {
    int slash = resource.lastIndexOf('/');
    if (loader == null || slash < 0) {
      return null;
    }
    return stateOf(loader).jarOfPackage.get(resource.substring(0, slash + 1));
  }

  private Map<String, Object> remembered(ClassLoader loader, String name) {
    return name.startsWith("java/") ? jdk : stateOf(loader).reaches;
  }

  private LoaderState stateOf(ClassLoader loader) {
    // Classes load in runs from one loader: the last answer saves taking the lock for nearly every lookup.
    LoaderMemo last = lastLoader;
    if (last != null && last.loader() == loader) {
      return last.state();
    }
    LoaderState state;
    synchronized (byLoader) {
      state = byLoader.computeIfAbsent(loader, any -> new LoaderState());
    }
    lastLoader = new LoaderMemo(loader, state);
    return state;
  }
}
