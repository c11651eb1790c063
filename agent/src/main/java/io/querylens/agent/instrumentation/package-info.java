/**
 * The contract each instrumentation ({@code jdbc}, {@code web}, {@code cache}) fulfils, below them all, so that the
 * agent's entry point can wire them without the parts depending on it; and the weaver ({@link
 * io.querylens.agent.instrumentation.HookWeaver}) that puts the JDBC, servlet and cache calls into class files with
 * ASM's core API (the copy inside Byte Buddy's jar, the only part of Byte Buddy the agent ships).
 */
package io.querylens.agent.instrumentation;
