package io.querylens.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querylens.annotations.Cached;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CandidateClassesTest {
  private static final Set<String> SUPERTYPES = Set.of("java/sql/Statement", "java/sql/PreparedStatement",
      "java/sql/CallableStatement", "java/sql/Connection", "jakarta/servlet/Filter", "jakarta/servlet/Servlet",
      "javax/servlet/Filter", "javax/servlet/Servlet");
  private static final Set<String> MARKERS = Set.of("Lio/querylens/annotations/Cache");
  private static final Set<String> METHODS = Set.of("execute", "executeQuery", "set*(I", "close", "doFilter",
      "service");

  private final CandidateClasses candidates = new CandidateClasses(SUPERTYPES, MARKERS, METHODS);
  private final ClassLoader loader = getClass().getClassLoader();

  interface Repository {
    @Cached
    List<String> names();
  }

  static class RepositoryImpl implements Repository {
    @Override
    public List<String> names() {
      return List.of();
    }
  }

  /** Inherits the implementation: the cache instruments RepositoryImpl's method, not this class. */
  static class SubclassOfImpl extends RepositoryImpl {}

  /** The topmost class of a statement hierarchy, which gets the agent's fields: it names its interface. */
  abstract static class WrappingStatement implements java.sql.Statement {}

  /** Declares an execute method and reaches Statement only through its superclass. */
  abstract static class LoggingStatement extends WrappingStatement {
    @Override
    public java.sql.ResultSet executeQuery(String sql) {
      return null;
    }
  }

  /** Declares nothing the JDBC instrumentation changes: what it inherits is instrumented where it is declared. */
  abstract static class NamedStatement extends WrappingStatement {
    String name() {
      return "";
    }
  }

  /** Reaches Statement through two superclasses that declare nothing the instrumentation changes. */
  abstract static class ExecutingNamedStatement extends NamedStatement {
    @Override
    public boolean execute(String sql) {
      return false;
    }
  }

  static class PlainBase {}

  /** Declares a method named like one the instrumentation changes, but reaches nothing. */
  static class ClosingPlain extends PlainBase {
    void close() {}
  }

  interface TracingStatement extends java.sql.PreparedStatement {}

  /** Topmost through an interface of its own that extends PreparedStatement. */
  abstract static class TracedStatement implements TracingStatement {}

  static class Service {
    @Cached
    String name() {
      return "";
    }
  }

  static class Plain implements Runnable {
    @Override
    public void run() {}
  }

  @Test
  void readsNameSuperclassAndInterfaces() {
    ClassFileHeader header = ClassFileHeader.read(classFile(java.util.ArrayList.class), new byte[0][]);
    assertEquals("java/util/ArrayList", header.name());
    assertEquals("java/util/AbstractList", header.superName());
    assertTrue(header.interfaces().containsAll(List.of("java/util/List", "java/util/RandomAccess")));
    assertEquals(null, ClassFileHeader.read(classFile(Object.class), new byte[0][]).superName());
    assertFalse(header.isFinal());
    assertTrue(ClassFileHeader.read(classFile(String.class), new byte[0][]).isFinal());
  }

  @Test
  void findsMarkersOnlyWhereTheyAre() {
    byte[][] markers = {"Lio/querylens/annotations/Cache".getBytes()};
    assertTrue(ClassFileHeader.read(classFile(Service.class), markers).marked());
    assertTrue(ClassFileHeader.read(classFile(Repository.class), markers).marked());
    assertFalse(ClassFileHeader.read(classFile(RepositoryImpl.class), markers).marked());
  }

  @Test
  void refusesWhatIsNotAClassFile() {
    assertThrows(IllegalArgumentException.class, () -> ClassFileHeader.read(new byte[] {1, 2, 3, 4}, new byte[0][]));
    byte[] truncated = java.util.Arrays.copyOf(classFile(Plain.class), 40);
    assertThrows(IllegalArgumentException.class, () -> ClassFileHeader.read(truncated, new byte[0][]));
  }

  @Test
  void driverAndPoolStatementsAndConnectionsAreCandidates() {
    assertTrue(mayMatch(org.h2.jdbc.JdbcPreparedStatement.class));
    assertTrue(mayMatch(org.h2.jdbc.JdbcConnection.class));
    assertTrue(mayMatch(com.zaxxer.hikari.pool.HikariProxyPreparedStatement.class));
    assertTrue(mayMatch(com.zaxxer.hikari.pool.HikariProxyConnection.class));
  }

  @Test
  void servletsAndFiltersOfBothGenerationsAreCandidates() {
    assertTrue(mayMatch(jakarta.servlet.http.HttpServlet.class));
    assertTrue(mayMatch(javax.servlet.http.HttpServlet.class));
    assertTrue(mayMatch(jakarta.servlet.http.HttpFilter.class));
  }

  @Test
  void annotatedClassesAndImplementationsOfAnnotatedInterfacesAreCandidates() {
    assertTrue(mayMatch(Service.class));
    assertTrue(mayMatch(RepositoryImpl.class));
    assertFalse(mayMatch(SubclassOfImpl.class));
  }

  @Test
  void aSubclassIsACandidateWhenItDeclaresAMethodTheInstrumentationChanges() {
    assertTrue(mayMatch(WrappingStatement.class));
    assertTrue(mayMatch(LoggingStatement.class));
    assertFalse(mayMatch(NamedStatement.class));
    assertTrue(mayMatch(TracedStatement.class));
  }

  @Test
  void methodPatternsMatchNamesPrefixesAndDescriptorPrefixes() {
    MethodPatterns patterns = MethodPatterns.of(List.of("close", "set*(I"));
    assertTrue(matches(patterns, "close", "()V"));
    assertFalse(matches(patterns, "closed", "()V"));
    assertTrue(matches(patterns, "setLong", "(IJ)V"));
    assertFalse(matches(patterns, "setName", "(Ljava/lang/String;)V"));
    assertFalse(matches(MethodPatterns.NONE, "close", "()V"));
  }

  private static boolean matches(MethodPatterns patterns, String name, String descriptor) {
    byte[] bytes = (name + descriptor).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return patterns.matches(bytes, 0, name.length(), name.length(), descriptor.length());
  }

  @Test
  void everythingElseIsNot() {
    assertFalse(mayMatch(Plain.class));
    assertFalse(mayMatch(com.zaxxer.hikari.HikariConfig.class));
    assertFalse(mayMatch(org.h2.util.StringUtils.class));
    assertFalse(mayMatch(java.util.concurrent.ConcurrentHashMap.class));
  }

  @Test
  void aSuperTypeThatCannotBeReadLetsTheClassThrough() {
    ClassLoader noResources = new ClassLoader(null) {};
    assertTrue(candidates.examine(noResources, null, classFile(LoggingStatement.class)) != null);
    assertTrue(candidates.unreadable() > 0);
  }

  @Test
  void superclassesSeenLoadingAreAnsweredFromMemoryNotReadAgain() {
    ClassLoader noResources = new ClassLoader(null) {};
    assertTrue(candidates.examine(noResources, null, classFile(WrappingStatement.class)) != null);
    assertFalse(candidates.examine(noResources, null, classFile(NamedStatement.class)) != null);
    assertFalse(candidates.examine(noResources, null, classFile(PlainBase.class)) != null);
    assertTrue(candidates.examine(noResources, null, classFile(ExecutingNamedStatement.class)) != null);
    assertFalse(candidates.examine(noResources, null, classFile(ClosingPlain.class)) != null);
    assertEquals(0, candidates.unreadable(), "no class file was looked for: each answer came from its loading");
  }

  @Test
  void aSuperTypeIsReadFromTheJarItsPackageLoadedFrom(@TempDir Path dir)
      throws Exception {
    URL jar = jarUrl(dir.resolve("app.jar"), Repository.class, RepositoryImpl.class);
    try (URLClassLoader nested = new URLClassLoader(new URL[] {jar}, null)) {
      assertTrue(candidates.examine(nested, from(jar), classFile(RepositoryImpl.class)) != null);
      assertEquals(0, candidates.unreadable(), "the interface was read, not guessed");
    }
  }

  @Test
  void aPackageSplitOverTwoJarsIsFoundByTheLoader(@TempDir Path dir)
      throws Exception {
    URL implementations = jarUrl(dir.resolve("impl.jar"), RepositoryImpl.class);
    URL interfaces = jarUrl(dir.resolve("api.jar"), Repository.class);
    try (URLClassLoader nested =
        new URLClassLoader(new URL[] {implementations, interfaces}, null)) {
      assertTrue(candidates.examine(nested, from(implementations), classFile(RepositoryImpl.class)) != null);
      assertEquals(0, candidates.unreadable(), "the interface was read from the other jar, not guessed");
    }
  }

  /** A jar of the given classes, as a {@code jar:...!/} URL: how Spring Boot names its nested jars. */
  private static URL jarUrl(Path file, Class<?>... types) throws IOException {
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file))) {
      for (Class<?> type : types) {
        out.putNextEntry(new JarEntry(type.getName().replace('.', '/') + ".class"));
        out.write(classFile(type));
        out.closeEntry();
      }
    }
    return new URL("jar:" + file.toUri() + "!/");
  }

  private static ProtectionDomain from(URL location) {
    return new ProtectionDomain(new CodeSource(location, (Certificate[]) null), null);
  }

  @Test
  void garbageIsLetThroughForByteBuddyToJudge() {
    assertTrue(candidates.examine(loader, null, new byte[] {0, 1, 2}) != null);
  }

  private boolean mayMatch(Class<?> type) {
    return candidates.examine(loader, null, classFile(type)) != null;
  }

  private static byte[] classFile(Class<?> type) {
    String resource = type.getName().replace('.', '/') + ".class";
    ClassLoader loader = type.getClassLoader() == null ? ClassLoader.getSystemClassLoader() : type.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
