package io.querylens.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PrefilteringTransformerTest {
  /** Names the JDBC interface itself: a candidate wherever it comes from. */
  abstract static class DriverStatement implements java.sql.Statement {}

  private final List<String> shown = new CopyOnWriteArrayList<>();
  private final CandidateClasses candidates =
      new CandidateClasses(Set.of("java/sql/Statement"), Set.of(), Set.of("executeQuery"));
  private final PrefilteringTransformer transformer = new PrefilteringTransformer(candidates,
      new Weaving(candidates, List.of(), warning -> {}), candidates.bitOf("java/sql/Statement"), warning -> {});

  PrefilteringTransformerTest() {
    transformer.buildInBackground(() -> new ClassFileTransformer() {
      @Override
      public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain domain,
          byte[] classFile) {
        shown.add(name);
        return null;
      }
    });
  }

  @Test
  void candidatesReachByteBuddyButTheAgentsOwnClassesDoNot() throws Exception {
    byte[] classFile = classFile(DriverStatement.class);
    ClassLoader loader = getClass().getClassLoader();
    transformer.transform(loader, "com/example/jdbc/DriverStatement", null, null, classFile);
    transformer.transform(loader, "io/querylens/agent/shaded/redis/clients/jedis/Thing", null, null, classFile);
    assertEquals(List.of("com/example/jdbc/DriverStatement"), shown);
  }

  private static byte[] classFile(Class<?> type) throws IOException {
    try (InputStream in = type.getClassLoader().getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }
}
