/**
 * The thin layer that woven calls, inside application, driver and container classes, call into: static entry
 * points over the per-request state of {@link io.querylens.agent.request}. JDK types only, so that it resolves from
 * every class loader that delegates to the system class loader, where the {@code -javaagent} jar sits; the parts
 * behind it ({@code jdbc}, {@code cache}, {@code invalidation}, {@code report}) plug in through its interfaces at
 * start-up ({@code LayeringTest} keeps it so).
 */
package io.querylens.agent.bridge;
