package io.querylens.demo.e2e;

import org.junit.jupiter.api.BeforeAll;

/** The end-to-end scenarios with the agent on the JDK running the build (Java 17 here). */
class AgentOnJava17IT extends AgentEndToEndTest {
  @BeforeAll
  static void start() throws Exception {
    startDemoWithAgent(Jdk.running());
  }
}
