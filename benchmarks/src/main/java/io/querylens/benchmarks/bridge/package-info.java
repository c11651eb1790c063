/**
 * The price of single steps the agent's bridge takes on every execute inside a request, measured without the agent,
 * to explain the totals {@link io.querylens.benchmarks.jdbc.ExecuteOverheadBenchmark} reports.
 */
package io.querylens.benchmarks.bridge;
