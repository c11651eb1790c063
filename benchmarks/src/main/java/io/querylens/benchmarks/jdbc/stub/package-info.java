/**
 * A JDBC "driver" that answers a primary-key lookup from an array, so that the agent's cost per execute is measured
 * against a baseline of a few nanoseconds instead of a real database's microsecond. Only the methods the benchmark
 * calls work; every other one throws {@link java.sql.SQLFeatureNotSupportedException}.
 */
package io.querylens.benchmarks.jdbc.stub;
