/**
 * The benchmarks' entry point: {@link io.querylens.benchmarks.OverheadRunner} runs each benchmark once per agent
 * mode, each mode in JVMs forked with its own {@code -javaagent} arguments, and prints them side by side.
 */
package io.querylens.benchmarks;
