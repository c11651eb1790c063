/**
 * {@code @Cached} and {@code @CacheEvict}: finding annotated methods (classes, interfaces, JDK proxies), the cache
 * engine (keys, single-flight, lock, fill), with the Redis store in {@code store} and the Jackson codec in
 * {@code codec}.
 */
package io.querylens.agent.cache;
