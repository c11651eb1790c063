package io.querylens.agent.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FillThreadTest {
  @Test
  void runsWhatItIsHandedInOrder() throws InterruptedException {
    FillThread fills = new FillThread("test-fill", 16);
    List<Integer> ran = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    for (int i = 0; i < 5; i++) {
      int n = i;
      assertTrue(fills.submit(() -> ran.add(n), false));
    }
    fills.submit(done::countDown, false);

    assertTrue(done.await(10, TimeUnit.SECONDS));
    assertEquals(List.of(0, 1, 2, 3, 4), ran);
  }

  @Test
  void aHandOffAfterAQuietSpellWakesTheSleepingThread() throws InterruptedException {
    FillThread fills = new FillThread("test-fill", 16);
    CountDownLatch first = new CountDownLatch(1);
    fills.submit(first::countDown, false);
    assertTrue(first.await(10, TimeUnit.SECONDS));

    // Past the linger: the thread now parks with no timeout, and only the hand-off can wake it.
    Thread.sleep(TimeUnit.NANOSECONDS.toMillis(FillThread.LINGER_NANOS) + 300);
    CountDownLatch second = new CountDownLatch(1);
    fills.submit(second::countDown, false);

    assertTrue(second.await(10, TimeUnit.SECONDS));
  }

  @Test
  void aFailingTaskDoesNotStopTheOnesAfterIt() throws InterruptedException {
    FillThread fills = new FillThread("test-fill", 16);
    CountDownLatch after = new CountDownLatch(1);
    fills.submit(() -> {
      throw new IllegalStateException("a fill that went wrong");
    }, true);
    fills.submit(after::countDown, true);

    assertTrue(after.await(10, TimeUnit.SECONDS));
  }

  @Test
  void aFullQueueRefusesRatherThanBlockingTheCaller() throws InterruptedException {
    FillThread fills = new FillThread("test-fill", 2);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    fills.submit(() -> {
      running.countDown();
      awaitQuietly(release);
    }, true);
    assertTrue(running.await(10, TimeUnit.SECONDS));

    assertTrue(fills.submit(() -> { }, false));
    assertTrue(fills.submit(() -> { }, false));
    assertFalse(fills.submit(() -> { }, false));
    release.countDown();
  }

  @Test
  void drainRunsWhatWasHandedOverAndRefusesMore() {
    FillThread fills = new FillThread("test-fill", 16);
    List<Integer> ran = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 3; i++) {
      int n = i;
      fills.submit(() -> ran.add(n), false);
    }

    fills.drain(10_000);

    assertEquals(List.of(0, 1, 2), ran);
    assertFalse(fills.submit(() -> ran.add(3), true));
  }

  @Test
  void drainWithNothingHandedOverStartsNoThread() {
    FillThread fills = new FillThread("test-fill", 16);
    fills.drain(10_000);
    assertFalse(fills.submit(() -> { }, true));
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
