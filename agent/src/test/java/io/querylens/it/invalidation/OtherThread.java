package io.querylens.it.invalidation;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A second thread, with no transaction of its own, for work that must not run on the test's thread. As an instance
 * {@code @RegisterExtension} field, it is stopped after each test, so that a test that failed with a call still
 * paused leaves no thread behind.
 */
final class OtherThread implements AutoCloseable, AfterEachCallback {
  private final ExecutorService executor = Executors.newSingleThreadExecutor();

  <T> Future<T> start(Callable<T> work) {
    return executor.submit(work);
  }

  /**
   * Starts a call of a method that pauses after its read ({@link PausingFoodNames}), and returns once it is held
   * there: whatever the test does next happens between the call's read and its fill.
   */
  <T> Future<T> startAndAwaitRead(FirstRunPause pause, Callable<T> call) throws InterruptedException {
    Future<T> result = start(call);
    pause.awaitRead();
    return result;
  }

  /** Runs the work there and waits (bounded) for it, rethrowing what it threw. */
  <T> T call(Callable<T> work) throws Exception {
    return await(start(work));
  }

  static <T> T await(Future<T> result) throws Exception {
    try {
      return result.get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
