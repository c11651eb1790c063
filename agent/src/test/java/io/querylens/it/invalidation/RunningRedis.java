package io.querylens.it.invalidation;

import io.querylens.it.cache.TestRedis;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The test's redis-server, up and caching for the whole test class: register it as a static
 * {@code @RegisterExtension} field in a class that needs Redis but no database of its own.
 */
public final class RunningRedis implements BeforeAllCallback, AfterAllCallback {
  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    TestRedis.startAndAwaitCaching();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    TestRedis.stop();
  }
}
