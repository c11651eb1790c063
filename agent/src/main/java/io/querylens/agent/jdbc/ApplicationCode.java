package io.querylens.agent.jdbc;

import java.net.URL;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Locale;
import java.util.jar.JarFile;

/**
 * Tells the application's own classes from libraries by where each class was loaded from, never by its package: an
 * application may well live in {@code org.springframework.samples} or {@code com.zaxxer.shop}.
 *
 * <ul>
 *   <li>The application's: a classes directory ({@code target/classes}, an IDE's output, a test run), a Spring Boot
 *       jar's {@code BOOT-INF/classes}, a war's {@code WEB-INF/classes}, and the main jar's own classes (the jar of
 *       {@code java -jar}, or the one holding the main class) unless it is such a fat jar, whose root holds only the
 *       launcher.
 *   <li>Libraries: every other jar ({@code BOOT-INF/lib}, {@code WEB-INF/lib}, dependency jars on the class path), the
 *       JDK, the agent, and generated classes (proxies, hidden classes), whose frames are never the line a user wrote.
 * </ul>
 *
 * <p>A class whose origin cannot be told (no code source, as some custom class loaders leave it) falls back on a list
 * of well-known library packages: that list only acts where the origin says nothing, so it cannot hide a class that
 * came from the application's classes. {@code callsite.include-packages} and {@code callsite.exclude-packages}
 * override everything, for the rare application whose own code ships as a separate jar.
 *
 * <p>The verdict is computed once per class ({@link ClassValue}), so a stack walk costs a lookup per frame.
 */
final class ApplicationCode {
  /** Consulted only for classes with no code source: see the class comment. */
  private static final List<String> LIBRARY_PACKAGES = List.of(
      "com.zaxxer.hikari.", "org.apache.", "com.mchange.", "org.h2.", "org.postgresql.", "com.mysql.",
      "org.mariadb.", "oracle.", "com.microsoft.sqlserver.", "org.hsqldb.", "org.sqlite.", "net.sf.log4jdbc.",
      "com.p6spy.", "net.ttddyy.", "org.hibernate.", "org.springframework.", "org.jooq.", "org.mybatis.",
      "org.eclipse.", "org.jdbi.", "io.micrometer.", "io.opentelemetry.", "kotlin.", "scala.", "groovy.",
      "org.codehaus.groovy.", "org.glassfish.", "org.jboss.", "io.netty.", "io.undertow.", "reactor.");

  private static volatile ApplicationCode installed = new ApplicationCode(List.of(), List.of());

  private final List<String> includePackages;
  private final List<String> excludePackages;
  private final ClassValue<Boolean> verdicts = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      return decide(type);
    }
  };
  private volatile MainJar mainJar;

  ApplicationCode(List<String> includePackages, List<String> excludePackages) {
    this.includePackages = packagePrefixes(includePackages);
    this.excludePackages = packagePrefixes(excludePackages);
  }

  /** Sets the overrides from the configuration; called once at start-up. */
  static void install(List<String> includePackages, List<String> excludePackages) {
    installed = new ApplicationCode(includePackages, excludePackages);
  }

  static ApplicationCode installed() {
    return installed;
  }

  boolean contains(Class<?> type) {
    return verdicts.get(type);
  }

  private boolean decide(Class<?> type) {
    String name = type.getName();
    if (startsWithAny(name, excludePackages)) {
      return false;
    }
    if (startsWithAny(name, includePackages)) {
      return true;
    }
    ClassLoader loader = type.getClassLoader();
    if (loader == null || loader == ClassLoader.getPlatformClassLoader() || type.isHidden() || isGenerated(name)
        || type == ApplicationCode.class || name.startsWith("io.querylens.agent.")) {
      return false;
    }
    String location = location(type);
    if (location == null) {
      return !startsWithAny(name, LIBRARY_PACKAGES);
    }
    return isApplicationLocation(location, mainJar());
  }

  /**
   * Whether classes from {@code location} (a code source URL as text) are the application's, given the main jar
   * ({@code null} if unknown).
   */
  static boolean isApplicationLocation(String location, MainJar main) {
    if (location.contains("BOOT-INF/classes") || location.contains("WEB-INF/classes")) {
      return true;
    }
    if (location.contains("BOOT-INF/lib") || location.contains("WEB-INF/lib")) {
      return false;
    }
    if (!location.startsWith("file:")) {
      return false; // nested in some other archive format, or remote: a library unless told otherwise
    }
    if (location.endsWith("/")) {
      return true; // a classes directory
    }
    return main != null && !main.fat() && main.location().equals(canonical(location));
  }

  /** {@code file:} URLs of the same jar compare equal whatever symbolic links or {@code ..} led to it. */
  private static String canonical(String fileUrl) {
    try {
      return new java.io.File(new java.net.URI(fileUrl)).getCanonicalFile().toURI().toURL().toString();
    } catch (Exception unreadable) {
      return fileUrl;
    }
  }

  /** Hibernate, Spring CGLIB, Byte Buddy and JDK proxies: generated beside an application class, never its code. */
  private static boolean isGenerated(String name) {
    return name.contains("$$") || name.contains("$HibernateProxy") || name.contains("$ByteBuddy")
        || name.contains("$Proxy");
  }

  private static String location(Class<?> type) {
    try {
      ProtectionDomain domain = type.getProtectionDomain();
      CodeSource source = domain == null ? null : domain.getCodeSource();
      URL url = source == null ? null : source.getLocation();
      return url == null ? null : url.toString();
    } catch (SecurityException | IllegalStateException unknown) {
      return null;
    }
  }

  private MainJar mainJar() {
    MainJar current = mainJar;
    if (current == null) {
      current = MainJar.find(System.getProperty("sun.java.command", ""));
      mainJar = current;
    }
    return current;
  }

  /** The jar the JVM was started from, as a code source location, and whether it is a Spring Boot or war fat jar. */
  record MainJar(String location, boolean fat) {
    static final MainJar NONE = new MainJar("", false);

    /** From {@code sun.java.command}: the jar of {@code java -jar}, or the jar holding the main class. */
    static MainJar find(String command) {
      try {
        String first = command.strip().split("\\s+", 2)[0];
        if (first.isEmpty()) {
          return NONE;
        }
        java.io.File jar;
        if (first.toLowerCase(Locale.ROOT).endsWith(".jar")) {
          jar = new java.io.File(first);
        } else {
          URL resource = ClassLoader.getSystemClassLoader().getResource(first.replace('.', '/') + ".class");
          if (resource == null || !"jar".equals(resource.getProtocol())) {
            return NONE;
          }
          String path = resource.getPath(); // file:/x/app.jar!/com/example/Main.class
          jar = new java.io.File(new java.net.URI(path.substring(0, path.indexOf("!/"))));
        }
        if (!jar.isFile()) {
          return NONE;
        }
        try (JarFile file = new JarFile(jar)) {
          boolean fat = file.getEntry("BOOT-INF/classes/") != null || file.getEntry("WEB-INF/classes/") != null
              || file.getEntry("BOOT-INF/lib/") != null || file.getEntry("WEB-INF/lib/") != null;
          return new MainJar(jar.getCanonicalFile().toURI().toURL().toString(), fat);
        }
      } catch (Exception | LinkageError unreadable) {
        return NONE;
      }
    }
  }

  private static boolean startsWithAny(String name, List<String> prefixes) {
    for (String prefix : prefixes) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** {@code com.acme} matches {@code com.acme.X} and {@code com.acme.sub.Y}, not {@code com.acmeco.Z}. */
  private static List<String> packagePrefixes(List<String> packages) {
    return packages.stream().map(String::strip).filter(p -> !p.isEmpty())
        .map(p -> p.endsWith(".") ? p : p + '.').toList();
  }
}
