/**
 * The agent's entry point ({@link io.querylens.agent.QueryLensAgent}, the jar's {@code Premain-Class}) and the
 * contract every instrumentation fulfils. One concern per sub-package: {@code bridge} (what advice calls, JDK only),
 * {@code config}, {@code jdbc}, {@code web}, {@code cache} and {@code report}.
 */
package io.querylens.agent;
