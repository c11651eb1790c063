package io.querylens.demo.e2e;

import org.junit.jupiter.api.BeforeAll;

/** The same scenarios with the agent on Java 25 ({@code querylens.java25.home}); skipped if it is not installed. */
class AgentOnJava25IT extends AgentEndToEndTest {
  @BeforeAll
  static void start() throws Exception {
    startDemoWithAgent(Jdk.fromProperty("querylens.java25.home", "Java 25"));
  }
}
