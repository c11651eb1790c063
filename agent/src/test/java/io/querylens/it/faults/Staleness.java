package io.querylens.it.faults;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The stale reads of a record: calls that started after a write's commit had returned, yet returned a version older
 * than that write's; how long after the first newer commit the oldest of them still was (the staleness window), and
 * when the last of them started ({@link Long#MIN_VALUE} if none).
 */
record Staleness(int reads, int staleReads, long longestNanos, long lastStaleStartNanos) {
  static Staleness of(Collection<Read> reads, List<Write> writes) {
    List<Write> byCommit = writes.stream().sorted(Comparator.comparingLong(Write::committedNanos)).toList();
    int stale = 0;
    long longest = 0;
    long lastStart = Long.MIN_VALUE;
    for (Read read : reads) {
      if (read.version() == Read.FAILED) {
        continue; // not a read at all: TwoJvms fails the test on any
      }
      Write newer = firstNewerCommittedBefore(byCommit, read);
      if (newer != null) {
        stale++;
        longest = Math.max(longest, read.startNanos() - newer.committedNanos());
        lastStart = stale == 1 ? read.startNanos() : Math.max(lastStart, read.startNanos());
      }
    }
    return new Staleness(reads.size(), stale, longest, lastStart);
  }

  /** The first write newer than what the read returned whose commit had returned when the read started, or null. */
  private static Write firstNewerCommittedBefore(List<Write> byCommit, Read read) {
    for (Write write : byCommit) {
      if (write.committedNanos() - read.startNanos() >= 0) {
        return null;
      }
      if (write.version() > read.version()) {
        return write;
      }
    }
    return null;
  }

  long longestMillis() {
    return longestNanos / 1_000_000;
  }

  @Override
  public String toString() {
    return staleReads + " stale of " + reads + " reads" + (staleReads == 0 ? ""
        : ", the last " + longestMillis() + " ms after the newer commit had returned");
  }
}
