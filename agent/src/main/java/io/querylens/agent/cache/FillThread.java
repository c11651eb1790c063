package io.querylens.agent.cache;

import io.querylens.agent.bridge.AgentFailures;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The cache's one background thread: it writes fills and takes or releases locks, in the order they were handed
 * over, so that a fill always comes after the lock it releases.
 *
 * <p>Handing work over does not wake the thread, as an executor would: on a virtual machine the wake-up (a futex
 * call, an interrupt to the other CPU, often the woken thread preempting the caller) cost the missing caller 8 µs
 * back to back and 19 µs after an idle millisecond (benchmarks/CACHE.md). Instead the thread checks for work by
 * itself: every millisecond while work keeps coming, so an entry lands about a millisecond after its miss, then at
 * intervals as long as it has been idle, up to {@link #MAX_POLL_NANOS}, and after {@link #LINGER_NANOS} without work
 * it sleeps until woken: an idle application sees no wake-ups, a quiet one about fifteen per miss, and only the
 * first hand-off after a quiet spell pays for a wake-up. Until the entry lands, the JVM's callers of the same key
 * are served by the miss's flight; other JVMs compute it too, which for a method this fast costs them less than
 * waiting would. Work that other JVMs wait for (a lock, which only a method slower than their poll takes, and its
 * release) wakes it at once. OpenTelemetry's batch span processor saves wake-ups the same way: its worker wakes by
 * itself, or when a batch is due.
 */
final class FillThread {
  static final long MIN_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(16);
  static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private final ArrayBlockingQueue<Runnable> queue;
  private final Thread thread;
  /** True while the thread is parked with no timeout: only then does a hand-off need to wake it. */
  private volatile boolean asleep;
  private volatile boolean stopping;
  private volatile boolean started;

  FillThread(String name, int capacity) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
  }

  /**
   * @param urgent wake the thread now rather than at its next check
   * @return false if the queue is full (or stopped) and {@code task} will not run
   */
  boolean submit(Runnable task, boolean urgent) {
    if (stopping) {
      return false;
    }
    if (!started) {
      start(); // an application that never misses never has the thread
    }
    if (!queue.offer(task)) {
      return false;
    }
    // The offer happens before this read, as the thread's write of asleep happens before its check of the queue:
    // one of the two sees the other, so no task is left behind a sleeping thread.
    if (urgent || asleep) {
      LockSupport.unpark(thread);
    }
    return true;
  }

  private synchronized void start() {
    if (!started) {
      thread.start();
      started = true;
    }
  }

  /** Runs what was handed over, for at most {@code millis}; later hand-offs are refused. */
  void drain(long millis) {
    stopping = true;
    if (!started) {
      return;
    }
    LockSupport.unpark(thread);
    try {
      thread.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    long lastWork = System.nanoTime();
    while (true) {
      Runnable task = queue.poll();
      if (task != null) {
        runQuietly(task);
        lastWork = System.nanoTime();
        continue;
      }
      long idle = System.nanoTime() - lastWork;
      if (stopping) {
        return;
      } else if (idle < LINGER_NANOS) {
        // Checks as often as work came: every millisecond while misses keep coming, then less and less often.
        LockSupport.parkNanos(this, Math.max(MIN_POLL_NANOS, Math.min(idle, MAX_POLL_NANOS)));
      } else {
        asleep = true;
        if (queue.isEmpty() && !stopping) {
          LockSupport.park(this);
        }
        asleep = false;
        lastWork = System.nanoTime(); // whatever woke it, work is likely to follow
      }
    }
  }

  private static void runQuietly(Runnable task) {
    try {
      task.run();
    } catch (Throwable e) {
      // Tasks handle Redis's failures; anything else that slips through is logged once and must not end the thread
      // every later fill needs.
      AgentFailures.record("cache.fill", e);
    }
  }
}
