package io.querylens.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.querylens.agent.instrumentation.InstrumentationModule;
import io.querylens.agent.jdbc.JdbcInstrumentation;
import io.querylens.agent.web.ServletInstrumentation;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * Every class of real drivers, pools and servlet containers that the weaver changes is defined from its woven class
 * file in a class loader of its own and linked, so that the JVM's verifier checks each woven method's stack-map frames
 * and locals. A mistake in the weaver shows here as a {@code VerifyError}, class by class, instead of as an
 * application that cannot start.
 */
class WovenClassesVerifyTest {
  private static final List<Class<?>> LIBRARIES = List.of(org.h2.Driver.class,
      com.zaxxer.hikari.HikariDataSource.class, org.apache.catalina.core.ApplicationFilterChain.class,
      org.eclipse.jetty.servlet.ServletHandler.class, javax.servlet.http.HttpServlet.class,
      org.springframework.jdbc.datasource.DriverManagerDataSource.class, org.hibernate.Session.class);

  @Test
  void everyWovenClassOfRealLibrariesPassesTheVerifier() throws Exception {
    List<InstrumentationModule> modules = List.of(new JdbcInstrumentation(List.of(), List.of(), true),
        new ServletInstrumentation());
    Set<String> supertypes = new TreeSet<>();
    Set<String> methods = new TreeSet<>();
    modules.forEach(module -> {
      supertypes.addAll(module.supertypes());
      methods.addAll(module.methods());
    });
    CandidateClasses candidates = new CandidateClasses(supertypes, Set.of(), methods);
    List<String> warnings = new ArrayList<>();
    Weaving weaving = new Weaving(candidates, modules, null, warnings::add);
    List<String> woven = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (Class<?> library : LIBRARIES) {
      Path jar = Path.of(library.getProtectionDomain().getCodeSource().getLocation().toURI());
      try (WeavingLoader loader = new WeavingLoader(jar, candidates, weaving)) {
        for (String name : loader.classNames()) {
          if (!loader.isWoven(name)) {
            continue;
          }
          woven.add(name);
          try {
            Class.forName(name, true, loader); // links, so verifies, the woven class file
          } catch (VerifyError | ClassFormatError broken) {
            failures.add(name + ": " + broken);
          } catch (Throwable unrelated) {
            // a static initializer that needs what this test does not provide: it ran after the verifier passed
          }
        }
      }
    }
    assertEquals(List.of(), failures);
    assertEquals(List.of(), warnings);
    assertEquals(0, weaving.failures());
    assertTrue(woven.contains("org.h2.jdbc.JdbcPreparedStatement"), woven::toString);
    assertTrue(woven.contains("com.zaxxer.hikari.pool.HikariProxyPreparedStatement"), woven::toString);
    assertTrue(woven.contains("jakarta.servlet.http.HttpFilter"), woven::toString);
    assertTrue(woven.contains("javax.servlet.http.HttpServlet"), woven::toString);
  }

  @Test
  void aClassLoaderThatCannotSeeTheAgentGetsNothingWovenAndItIsSaidOnce() throws Exception {
    List<InstrumentationModule> modules = List.of(new JdbcInstrumentation(List.of(), List.of(), true));
    CandidateClasses candidates = new CandidateClasses(modules.get(0).supertypes(), Set.of(),
        modules.get(0).methods());
    List<String> warnings = new ArrayList<>();
    Weaving weaving = new Weaving(candidates, modules, null, warnings::add);
    Path h2 = Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (URLClassLoader blind = new URLClassLoader(new URL[] {h2.toUri().toURL()},
        ClassLoader.getPlatformClassLoader())) {
      for (Class<?> type : List.of(org.h2.jdbc.JdbcStatement.class, org.h2.jdbc.JdbcPreparedStatement.class)) {
        byte[] classFile;
        try (InputStream in = blind.getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
          classFile = in.readAllBytes();
        }
        CandidateClasses.Candidate candidate = candidates.examine(blind, null, classFile);
        assertTrue(candidate != null, type::getName);
        assertEquals(null, weaving.weave(blind, candidate, classFile, null), type::getName);
      }
    }
    assertEquals(1, warnings.size(), warnings::toString);
    assertTrue(warnings.get(0).contains("cannot see the agent's classes"), warnings::toString);
  }

  /** Defines the classes of one jar itself, woven; everything else comes from the test's class path. */
  private static final class WeavingLoader extends URLClassLoader {
    private final JarFile jar;
    private final CandidateClasses candidates;
    private final Weaving weaving;
    private final Set<String> names = new TreeSet<>();

    WeavingLoader(Path jarPath, CandidateClasses candidates, Weaving weaving) throws IOException {
      super(new URL[] {jarPath.toUri().toURL()}, WovenClassesVerifyTest.class.getClassLoader());
      this.jar = new JarFile(jarPath.toFile());
      this.candidates = candidates;
      this.weaving = weaving;
      for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
        String entry = entries.nextElement().getName();
        if (entry.endsWith(".class") && !entry.contains("-") && !entry.startsWith("META-INF/")) {
          names.add(entry.substring(0, entry.length() - 6).replace('/', '.'));
        }
      }
    }

    Set<String> classNames() {
      return names;
    }

    boolean isWoven(String name) throws IOException {
      return weave(name) != null;
    }

    private byte[] read(String name) throws IOException {
      try (InputStream in = jar.getInputStream(jar.getEntry(name.replace('.', '/') + ".class"))) {
        return in.readAllBytes();
      }
    }

    private byte[] weave(String name) throws IOException {
      byte[] classFile = read(name);
      CandidateClasses.Candidate candidate = candidates.examine(this, null, classFile);
      return candidate == null ? null : weaving.weave(this, candidate, classFile, null);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      synchronized (getClassLoadingLock(name)) {
        if (!names.contains(name)) {
          return super.loadClass(name, resolve);
        }
        Class<?> loaded = findLoadedClass(name);
        if (loaded == null) {
          try {
            byte[] woven = weave(name);
            byte[] classFile = woven != null ? woven : read(name);
            loaded = defineClass(name, classFile, 0, classFile.length);
          } catch (IOException unreadable) {
            throw new ClassNotFoundException(name, unreadable);
          }
        }
        return loaded;
      }
    }

    @Override
    public void close() throws IOException {
      jar.close();
      super.close();
    }
  }
}
