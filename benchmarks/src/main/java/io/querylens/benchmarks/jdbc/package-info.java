/**
 * What the agent adds to a JDBC execute: {@link io.querylens.benchmarks.jdbc.ExecuteOverheadBenchmark}, over the
 * drivers of {@link io.querylens.benchmarks.jdbc.Driver} and the modes of
 * {@link io.querylens.benchmarks.jdbc.AgentMode}.
 */
package io.querylens.benchmarks.jdbc;
