package io.querylens.benchmarks.cache;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * JMH's machine-wide lock ({@code <tmp>/jmh.lock}), held by {@link CacheRunner} for its whole run rather than fork by
 * fork. Each {@code Runner.run} takes it only while its own forks run, so two runners that fork variant by variant
 * interleave on a shared machine, each measuring the other's JVMs, and the second one to ask fails outright. Holding
 * it throughout (the inner runs then skip it: {@code jmh.ignoreLock}) keeps other JMH runs off the machine until the
 * last fork has finished.
 *
 * <p>Before taking it, it waits until the lock has been free for a while: another runner between two of its forks
 * releases it for the seconds it waits for a quiet machine, and taking it then would fail that runner's next fork.
 */
final class JmhLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private JmhLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Waits, without limit, until the lock has been free for {@code freeSeconds} in a row, then takes it, and tells the
   * JMH runners of this JVM not to take it again (call before the first {@code new Runner}).
   */
  static JmhLock acquire(int freeSeconds, PrintStream out) throws IOException, InterruptedException {
    Path file = Paths.get(System.getProperty("java.io.tmpdir"), "jmh.lock");
    FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    long freeSince = System.nanoTime();
    boolean told = false;
    while (true) {
      FileLock lock = tryLock(channel);
      if (lock != null && System.nanoTime() - freeSince >= TimeUnit.SECONDS.toNanos(freeSeconds)) {
        System.setProperty("jmh.ignoreLock", "true");
        return new JmhLock(channel, lock);
      }
      if (lock != null) {
        lock.release();
      } else {
        freeSince = System.nanoTime();
        if (!told) {
          out.println("Another JMH run holds " + file + "; waiting until it has been free for " + freeSeconds
              + " s in a row.");
          told = true;
        }
      }
      Thread.sleep(1000);
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException heldInThisJvm) {
      return null;
    }
  }

  @Override
  public void close() throws IOException {
    lock.release();
    channel.close();
  }
}
