package io.querylens.it.invalidation;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** A second thread, with no transaction of its own, for work that must not run on the test's thread. */
final class OtherThread implements AutoCloseable {
  private final ExecutorService executor = Executors.newSingleThreadExecutor();

  <T> Future<T> start(Callable<T> work) {
    return executor.submit(work);
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
  public void close() {
    executor.shutdownNow();
  }
}
