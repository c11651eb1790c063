package io.querylens.agent.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationCodeTest {
  private static final ApplicationCode.MainJar PLAIN_MAIN = new ApplicationCode.MainJar("file:/srv/app.jar", false);
  private static final ApplicationCode.MainJar FAT_MAIN = new ApplicationCode.MainJar("file:/srv/app.jar", true);

  @Test
  void springBootAndWarClassesAreTheApplicationsWhateverTheUrlForm() {
    // Spring Boot 3.2+ nested URLs, the older jar: form, and an exploded war.
    assertTrue(ApplicationCode.isApplicationLocation("jar:nested:/srv/app.jar/!BOOT-INF/classes/!/", FAT_MAIN));
    assertTrue(ApplicationCode.isApplicationLocation("jar:file:/srv/app.jar!/BOOT-INF/classes!/", FAT_MAIN));
    assertTrue(ApplicationCode.isApplicationLocation("file:/opt/tomcat/webapps/shop/WEB-INF/classes/", null));
  }

  @Test
  void librariesInsideFatJarsAndWarsAreNot() {
    assertFalse(ApplicationCode.isApplicationLocation(
        "jar:nested:/srv/app.jar/!BOOT-INF/lib/spring-data-jpa-4.0.1.jar!/", FAT_MAIN));
    assertFalse(ApplicationCode.isApplicationLocation("jar:file:/srv/app.jar!/BOOT-INF/lib/HikariCP-7.0.2.jar!/",
        FAT_MAIN));
    assertFalse(ApplicationCode.isApplicationLocation("file:/opt/tomcat/webapps/shop/WEB-INF/lib/h2.jar", null));
  }

  @Test
  void aClassesDirectoryIsTheApplicationsAndAJarOnTheClassPathIsNot() {
    assertTrue(ApplicationCode.isApplicationLocation("file:/home/me/shop/target/classes/", null));
    assertFalse(ApplicationCode.isApplicationLocation("file:/home/me/.m2/repository/h2/h2.jar", PLAIN_MAIN));
  }

  @Test
  void theMainJarIsTheApplicationsUnlessItIsAFatJarWhoseRootIsTheLauncher() {
    assertTrue(ApplicationCode.isApplicationLocation("file:/srv/app.jar", PLAIN_MAIN));
    assertFalse(ApplicationCode.isApplicationLocation("file:/srv/app.jar", FAT_MAIN));
  }

  @Test
  void theMainJarIsFoundFromTheCommandLineAndAFatOneIsRecognised(@TempDir Path dir) throws Exception {
    Path plain = jar(dir.resolve("plain.jar"), "com/example/Main.class");
    Path fat = jar(dir.resolve("fat.jar"), "BOOT-INF/classes/", "org/springframework/boot/loader/Launcher.class");

    ApplicationCode.MainJar plainMain = ApplicationCode.MainJar.find(plain + " --server.port=0");
    ApplicationCode.MainJar fatMain = ApplicationCode.MainJar.find(fat.toString());

    assertEquals(plain.toRealPath().toUri().toURL().toString(), plainMain.location());
    assertFalse(plainMain.fat());
    assertTrue(fatMain.fat());
    assertEquals(ApplicationCode.MainJar.NONE, ApplicationCode.MainJar.find(""));
    assertEquals(ApplicationCode.MainJar.NONE, ApplicationCode.MainJar.find("com.example.NotOnTheClassPath"));
  }

  @Test
  void loadedClassesAreJudgedByTheirOrigin() throws Exception {
    ApplicationCode code = new ApplicationCode(List.of(), List.of());

    // Outside io.querylens.agent, whose classes are the agent's own wherever they come from.
    assertTrue(code.contains(Class.forName("io.querylens.it.Reports")), "a class from target/test-classes");
    assertFalse(code.contains(org.h2.Driver.class), "a class from a dependency jar");
    assertFalse(code.contains(String.class), "the JDK");
    assertFalse(code.contains(ApplicationCode.class), "the agent itself");
    Object proxy = Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Runnable.class}, (p, m, a) -> null);
    assertFalse(code.contains(proxy.getClass()), "a JDK proxy");
    Runnable lambda = () -> { };
    assertFalse(code.contains(lambda.getClass()), "a lambda's hidden class");
  }

  @Test
  void packageSettingsOverrideTheOrigin() throws Exception {
    ApplicationCode code = new ApplicationCode(List.of("org.h2"), List.of("io.querylens.it."));

    assertTrue(code.contains(org.h2.Driver.class), "callsite.include-packages");
    assertFalse(code.contains(Class.forName("io.querylens.it.Reports")), "callsite.exclude-packages");
    assertFalse(new ApplicationCode(List.of("org.h"), List.of()).contains(org.h2.Driver.class),
        "a package prefix matches whole package names only");
  }

  private static Path jar(Path path, String... entries) throws Exception {
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(path))) {
      for (String entry : entries) {
        out.putNextEntry(new JarEntry(entry));
        out.closeEntry();
      }
    }
    return path;
  }
}
