package io.querylens.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * How much CPU the rest of the machine used between two samples: everything Linux counts as busy ({@code /proc/stat},
 * steal included) minus what this JVM itself used ({@code /proc/self/stat}). On a shared machine a benchmark's
 * slow iterations coincide with other processes' bursts, and this is what tells them apart from the agent's cost.
 *
 * <p>Both files count in the same clock ticks, and the machine's total ticks (idle included) are the number of CPUs
 * times the elapsed time, so the ratio needs no tick rate. Elsewhere than Linux there is nothing to read: {@link
 * #sample()} returns null and every iteration counts as quiet.
 */
final class MachineLoad {
  private static final Path STAT = Paths.get("/proc/stat");
  private static final Path SELF_STAT = Paths.get("/proc/self/stat");

  /** Ticks at one moment: the machine's busy and total, summed over CPUs, and this process's user + system. */
  static final class Sample {
    final long busy;
    final long total;
    final long own;

    Sample(long busy, long total, long own) {
      this.busy = busy;
      this.total = total;
      this.own = own;
    }
  }

  private MachineLoad() {}

  /** @return the current counters, or null if they cannot be read */
  static Sample sample() {
    try {
      String cpu = Files.readAllLines(STAT).get(0); // "cpu  user nice system idle iowait irq softirq steal ..."
      String[] fields = cpu.trim().split("\\s+");
      long total = 0;
      long idle = 0;
      for (int i = 1; i < fields.length && i <= 8; i++) { // guest time is already inside user
        long ticks = Long.parseLong(fields[i]);
        total += ticks;
        if (i == 4 || i == 5) { // idle, iowait
          idle += ticks;
        }
      }
      String self = Files.readString(SELF_STAT);
      String[] process = self.substring(self.lastIndexOf(')') + 2).split(" "); // from field 3, "state"
      long own = Long.parseLong(process[11]) + Long.parseLong(process[12]); // utime, stime
      return new Sample(total - idle, total, own);
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }

  /** CPUs' worth of work other processes did between the two samples; NaN if either is missing. */
  static double foreignCpus(Sample before, Sample after) {
    if (before == null || after == null || after.total <= before.total) {
      return Double.NaN;
    }
    long foreign = (after.busy - before.busy) - (after.own - before.own);
    double cpus = Runtime.getRuntime().availableProcessors();
    return Math.max(0, foreign * cpus / (after.total - before.total));
  }
}
