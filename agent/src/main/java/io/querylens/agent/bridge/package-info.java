/**
 * The thin layer that advice, inlined into application, driver and container classes, calls into: static entry
 * points and the thread-bound {@link io.querylens.agent.bridge.RequestScope}. JDK types only, so that it resolves
 * from every class loader that delegates to the system class loader, where the {@code -javaagent} jar sits.
 */
package io.querylens.agent.bridge;
