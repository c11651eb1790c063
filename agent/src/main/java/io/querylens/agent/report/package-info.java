/**
 * The report model, its JSON form (documented in {@code reports/README.md}) and the background writer with its
 * bounded queue and file retention.
 */
package io.querylens.agent.report;
