/**
 * The agent's entry point ({@link io.querylens.agent.QueryLensAgent}, the jar's {@code Premain-Class}) and the
 * contract every instrumentation fulfils. One concern per sub-package: {@code bridge} (what advice calls, JDK only),
 * {@code config}, {@code jdbc}, {@code web}, {@code cache} and {@code report}. Apart from the running agent:
 * {@code view} reads a folder of reports back and aggregates it, and {@code cli} is the jar's {@code Main-Class}
 * ({@code summary}, {@code check}) over it.
 */
package io.querylens.agent;
