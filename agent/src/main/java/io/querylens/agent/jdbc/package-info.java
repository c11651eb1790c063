/**
 * JDBC instrumentation for every driver and pool, SQL fingerprinting, call-site capture, and the per-request
 * statement statistics.
 */
package io.querylens.agent.jdbc;
