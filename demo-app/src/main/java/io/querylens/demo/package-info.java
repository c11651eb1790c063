/**
 * The QueryLens demo application: a Spring Boot cookbook used to show and test the agent's per-request query
 * reports. Features live in sub-packages: {@code recipe} (model, service, endpoints, HTML page), {@code seed} (the
 * idempotent sample data) and {@code stats} (Hibernate's own counters, which the end-to-end tests compare with the
 * agent's).
 */
package io.querylens.demo;
