/**
 * Automatic invalidation: the agent sees every JDBC statement of the JVM, so a {@code @Cached} entry can record the
 * tables its method read and go stale when any JVM sharing the Redis writes one of them.
 *
 * <p>{@link io.querylens.agent.invalidation.WriteTracker} watches statements and transactions (writes are kept per
 * connection until commit) and the tables read by running {@code @Cached} bodies;
 * {@link io.querylens.agent.invalidation.TableVersions} keeps one counter per table in Redis, bumped once per
 * committed transaction, which the cache engine compares with the versions an entry recorded.
 */
package io.querylens.agent.invalidation;
