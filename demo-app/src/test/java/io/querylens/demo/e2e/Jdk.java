package io.querylens.demo.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JDK to launch the demo on. {@code name} is what test reports show; {@code home} may not exist (a second JDK is
 * optional on a developer's machine), which {@link #missingReason()} explains.
 */
record Jdk(String name, Path home) {

  private static final Pattern RELEASE_VERSION = Pattern.compile("^JAVA_VERSION=\"([^\"]+)\"", Pattern.MULTILINE);

  /** The JDK running the tests (Java 17 in the build). */
  static Jdk running() {
    Path home = Path.of(System.getProperty("java.home"));
    return new Jdk("Java " + System.getProperty("java.version") + " (running JDK)", home);
  }

  /** The JDK whose home a system property names, e.g. {@code querylens.java25.home}; the name says which. */
  static Jdk fromProperty(String property, String expected) {
    String value = System.getProperty(property, "");
    Path home = value.isBlank() ? Path.of("<system property " + property + " not set>") : Path.of(value);
    String version = releaseVersion(home).map(v -> "Java " + v).orElse(expected);
    return new Jdk(version + " (" + property + ")", home);
  }

  Path java() {
    return home.resolve("bin").resolve("java");
  }

  /** Why this JDK cannot be used, or empty when it can. */
  Optional<String> missingReason() {
    if (Files.isExecutable(java())) {
      return Optional.empty();
    }
    return Optional.of(name + " is not installed: no executable " + java()
        + " (set -Dquerylens.java25.home=<jdk home>, or -Djava25.home, to test it)");
  }

  /** A short, file-name-safe label such as {@code java-25.0.1}. */
  String label() {
    String version = releaseVersion(home).orElse(home.getFileName().toString());
    return "java-" + version.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  @Override
  public String toString() {
    return name;
  }

  private static Optional<String> releaseVersion(Path home) {
    try {
      Matcher matcher = RELEASE_VERSION.matcher(Files.readString(home.resolve("release")));
      return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty();
    }
  }
}
