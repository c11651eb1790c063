package io.querylens.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.querylens.agent.instrumentation.InstrumentationModule;
import io.querylens.agent.instrumentation.MethodHook;
import io.querylens.agent.instrumentation.MethodHook.Call;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PrefilteringTransformerTest {
  /** Names the JDBC interface itself: a candidate wherever it comes from. */
  abstract static class DriverStatement implements java.sql.Statement {
    @Override
    public java.sql.ResultSet executeQuery(String sql) {
      return null;
    }
  }

  /** The methods the weaver was asked about. */
  private final List<String> asked = new CopyOnWriteArrayList<>();
  private final CandidateClasses candidates =
      new CandidateClasses(Set.of("java/sql/Statement"), Set.of(), Set.of("executeQuery"));
  private final InstrumentationModule statements = new InstrumentationModule() {
    @Override
    public String name() {
      return "statements";
    }

    @Override
    public Set<String> supertypes() {
      return Set.of("java/sql/Statement");
    }

    @Override
    public List<MethodHook> hooks() {
      return List.of(new MethodHook(supertypes(), (name, descriptor) -> asked.add(name) && false, null,
          new Call("io/querylens/agent/bridge/JdbcBridge", "none", "()V"), false));
    }
  };
  private final PrefilteringTransformer transformer = new PrefilteringTransformer(candidates,
      new Weaving(candidates, List.of(statements), null, warning -> {}));

  @Test
  void candidatesAreWovenButTheAgentsOwnClassesAreNot() throws Exception {
    byte[] classFile = classFile(DriverStatement.class);
    ClassLoader loader = getClass().getClassLoader();
    transformer.transform(loader, "com/example/jdbc/DriverStatement", null, null, classFile);
    assertEquals(List.of("executeQuery"), asked);
    transformer.transform(loader, "io/querylens/agent/shaded/redis/clients/jedis/Thing", null, null, classFile);
    assertEquals(List.of("executeQuery"), asked, "the agent's own class was not looked at");
  }

  private static byte[] classFile(Class<?> type) throws IOException {
    try (InputStream in = type.getClassLoader().getResourceAsStream(type.getName().replace('.', '/') + ".class")) {
      return in.readAllBytes();
    }
  }
}
