package io.querylens.agent.cache;

import io.querylens.agent.bridge.CacheBridge;
import io.querylens.agent.request.CacheCall;
import io.querylens.agent.bridge.TableBridge;
import io.querylens.agent.request.ThreadContext;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Stands in the bridges for the cache's engine and write tracker until they exist. Their parts (Jedis and its pool,
 * Jackson, the SQL parser: some 800 classes and half a second of CPU) are built only once this JVM needs Redis (a
 * {@code @Cached} method is found, or Redis is configured on purpose), on a thread of their own, so that an
 * application without {@code @Cached} methods never pays for them and one with them does not wait at premain.
 *
 * <p>A call or a write that needs them before they are ready waits for them; once ready, they replace this in the
 * bridges and it is out of the way.
 */
final class DeferredCache implements CacheBridge.Engine, TableBridge.Watcher {
  /** Building takes well under a second; past this, the build is stuck and calls run uncached rather than hang. */
  private static final long MAX_WAIT_SECONDS = 10;

  /** What the build makes: the engine, and the write tracker when invalidation is on (else null). */
  record Parts(CacheEngine engine, TableBridge.Watcher tracker) {}

  private final FutureTask<Parts> build;
  private final BooleanSupplier writesMatter;
  private final Consumer<String> warnings;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean warnedOfWait = new AtomicBoolean();

  /**
   * @param build makes the parts and installs them in the bridges
   * @param writesMatter whether a write must wait for the tracker: once Redis is used, every write must bump
   */
  DeferredCache(Supplier<Parts> build, BooleanSupplier writesMatter, Consumer<String> warnings) {
    this.build = new FutureTask<>(build::get);
    this.writesMatter = writesMatter;
    this.warnings = warnings;
  }

  /** Starts building, the first time; never blocks. */
  void startBuilding() {
    if (started.get() || !started.compareAndSet(false, true)) {
      return;
    }
    Thread thread = new Thread(build, "querylens-cache-start");
    thread.setDaemon(true);
    thread.start();
  }

  /** The parts, waiting for them if need be; null if they could not be built (said once by the build). */
  Parts await() {
    startBuilding();
    try {
      return build.get(MAX_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      if (warnedOfWait.compareAndSet(false, true)) {
        warnings.accept("querylens: the cache has not started after " + MAX_WAIT_SECONDS + " s; calls run uncached "
            + "until it has (said once)");
      }
      return null;
    } catch (ExecutionException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** The engine's health once it is built, else null. */
  CacheHealth healthIfStarted() {
    if (!build.isDone()) {
      return null;
    }
    Parts parts = await();
    return parts == null ? null : parts.engine().health();
  }

  @Override
  public CacheCall lookup(String methodKey, Class<?> type, Object[] arguments) {
    Parts parts = await();
    return parts == null ? null : parts.engine().lookup(methodKey, type, arguments);
  }

  @Override
  public void complete(CacheCall call, Object returned, Throwable thrown) {
    Parts parts = await();
    if (parts != null) {
      parts.engine().complete(call, returned, thrown);
    }
  }

  @Override
  public void evict(String methodKey, Class<?> type, Object[] arguments) {
    Parts parts = await();
    if (parts != null) {
      parts.engine().evict(methodKey, type, arguments);
    }
  }

  @Override
  public void executed(ThreadContext thread, Object statement, String sql, boolean failed) {
    TableBridge.Watcher tracker = trackerIfWritesMatter();
    if (tracker != null) {
      tracker.executed(thread, statement, sql, failed);
    }
  }

  @Override
  public void transactionEnded(ThreadContext thread, Object connection, TableBridge.Ending ending) {
    TableBridge.Watcher tracker = trackerIfWritesMatter();
    if (tracker != null) {
      tracker.transactionEnded(thread, connection, ending);
    }
  }

  private TableBridge.Watcher trackerIfWritesMatter() {
    if (!build.isDone() && !writesMatter.getAsBoolean()) {
      return null;
    }
    Parts parts = await();
    return parts == null ? null : parts.tracker();
  }
}
