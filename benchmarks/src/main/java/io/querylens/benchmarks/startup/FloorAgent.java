package io.querylens.benchmarks.startup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The floor under any instrumenting agent: a {@code -javaagent} that registers one class-file transformer which
 * changes nothing. What it costs is what the JVM charges for an agent at all (the {@code java.instrument} module, a
 * class-file load hook on every class, which also has archived classes' bytes read again), so the start-up
 * benchmark can tell that apart from what QueryLens itself does.
 */
public final class FloorAgent implements ClassFileTransformer {
  public static void premain(String arguments, Instrumentation instrumentation) {
    instrumentation.addTransformer(new FloorAgent(), false);
  }

  /**
   * Writes the agent's jar: this one class and a manifest naming it, asking for the capabilities QueryLens's manifest
   * asks for (without them the floor measured the same, on Java 17 and 25).
   */
  public static Path writeJar(Path directory) throws IOException {
    Manifest manifest = new Manifest();
    Attributes attributes = manifest.getMainAttributes();
    attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    attributes.putValue("Premain-Class", FloorAgent.class.getName());
    attributes.putValue("Can-Retransform-Classes", "true");
    attributes.putValue("Can-Redefine-Classes", "true");
    Path jar = directory.resolve("floor-agent.jar");
    String entry = FloorAgent.class.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest);
        InputStream classFile = FloorAgent.class.getResourceAsStream("/" + entry)) {
      out.putNextEntry(new JarEntry(entry));
      classFile.transferTo(out);
      out.closeEntry();
    }
    return jar;
  }
}
