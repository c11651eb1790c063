/**
 * The Redis behind the agent's {@code @Cached}: the demo starts a real redis-server itself when none is configured,
 * so that running it needs nothing but a JDK and Maven.
 */
package io.querylens.demo.redis;
