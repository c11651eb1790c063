package io.querylens.agent;

import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * One concern the agent instruments, switchable as a whole by its name
 * ({@code querylens.instrumentation.<name>.enabled}).
 */
public interface Instrumentation {
  /** The name users switch it by, and that the start-up line prints. */
  String name();

  /** Adds this instrumentation's type matchers and transformers to the agent being built. */
  AgentBuilder extend(AgentBuilder builder, AgentBuilder.Transformer.ForAdvice advice);
}
