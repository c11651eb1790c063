/**
 * Hibernate's own statistics over HTTP: the independent count the end-to-end tests hold the agent's report against.
 */
package io.querylens.demo.stats;
