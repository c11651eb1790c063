package io.querylens.it.invalidation;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds the first run of a cached method inside its body, after its query, until the test lets it return: the test
 * forces something to happen between a miss's read and its fill. Later runs pass straight through.
 */
public final class FirstRunPause {
  private final CountDownLatch hasRead = new CountDownLatch(1);
  private final CountDownLatch mayReturn = new CountDownLatch(1);

  /** Called by the method body after its query, with the number of this run (1 for the first). */
  public void afterRead(int run) {
    if (run != 1) {
      return;
    }
    hasRead.countDown();
    try {
      if (!mayReturn.await(30, TimeUnit.SECONDS)) {
        throw new AssertionError("the test never let the cached method return");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Returns once the first run has read its rows (and is now paused). */
  public void awaitRead() throws InterruptedException {
    if (!hasRead.await(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the cached method never ran its query");
    }
  }

  public void letReturn() {
    mayReturn.countDown();
  }
}
