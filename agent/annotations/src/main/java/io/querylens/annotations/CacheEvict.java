package io.querylens.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Clear entries of the named caches after this method returns normally (a method that throws evicts nothing).
 *
 * <p>With {@code allEntries = true} (the default) every entry of each named cache is cleared, on every JVM that
 * shares the Redis. With {@code allEntries = false} only the entries stored for arguments equal to this method's
 * arguments are cleared, in each {@link Cached} method of those caches that takes the same parameter types.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CacheEvict {
  /** Names of the caches to clear, as given by {@link Cached#name()} or its default. */
  String[] value();

  /** Clear every entry of the caches rather than only the entry for this call's arguments. */
  boolean allEntries() default true;
}
