/**
 * The contract each instrumentation ({@code jdbc}, {@code web}, {@code cache}) fulfils, below them all, so that the
 * agent's entry point can wire them without the parts depending on it; and the weaver ({@link
 * io.querylens.agent.instrumentation.HookWeaver}) that puts the JDBC and servlet calls into class files with ASM's
 * core API, without Byte Buddy.
 */
package io.querylens.agent.instrumentation;
