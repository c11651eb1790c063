/**
 * The QueryLens demo application: a Spring Boot cookbook used to show and test the agent's per-request query
 * reports and its Redis cache. Features live in sub-packages: {@code recipe} (model, services, endpoints, HTML page),
 * {@code seed} (the idempotent sample data), {@code redis} (the Redis the demo starts for the agent's cache) and
 * {@code stats} (Hibernate's own counters, which the end-to-end tests compare with the agent's).
 */
package io.querylens.demo;
