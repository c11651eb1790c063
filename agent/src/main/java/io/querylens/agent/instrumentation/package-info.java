/**
 * The contract each instrumentation ({@code jdbc}, {@code web}, {@code cache}) fulfils, below them all, so that the
 * agent's entry point can wire them without the parts depending on it.
 */
package io.querylens.agent.instrumentation;
