/**
 * The demo's schema ({@code schema.sql}) and sample data, both created at startup when missing, idempotently and
 * safely when several instances start on one database at the same moment.
 */
package io.querylens.demo.seed;
