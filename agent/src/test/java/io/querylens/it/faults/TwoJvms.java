package io.querylens.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.querylens.it.invalidation.Labels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What every fault test starts from: two JVMs of one application, each with the packaged agent, on one database and
 * one Redis. The {@link #writer} writes the row the cached method reads (and reads it too); the {@link #other} only
 * reads. While the reader threads run, every call in both is recorded, so that a test can count the stale reads a
 * fault caused against the writes whose commits had returned.
 */
final class TwoJvms implements AutoCloseable {
  private static final int READER_THREADS = 3;

  final JvmUnderTest writer;
  final JvmUnderTest other;
  private final SharedDatabase database;
  private final Path dir;
  private final String label;
  private final List<Write> writes = new ArrayList<>();

  private TwoJvms(SharedDatabase database, Path dir, String label, JvmUnderTest writer, JvmUnderTest other) {
    this.database = database;
    this.dir = dir;
    this.label = label;
    this.writer = writer;
    this.other = other;
  }

  /**
   * Starts the database and both JVMs, and seeds the row ({@code v0}).
   *
   * @param writerArguments the writer's agent settings ({@code redis.url=...,cache.default-ttl=3s})
   * @param otherArguments the other JVM's
   */
  static TwoJvms launch(String writerArguments, String otherArguments) throws Exception {
    SharedDatabase database = SharedDatabase.start();
    Path dir = Files.createTempDirectory("querylens-faults-");
    String label = Labels.next();
    String url = database.url("faults_" + label.replace('-', '_'));
    JvmUnderTest writer = JvmUnderTest.launch("writer", writerArguments, dir, url, label);
    JvmUnderTest other = JvmUnderTest.launch("other", otherArguments, dir, url, label);
    TwoJvms jvms = new TwoJvms(database, dir, label, writer, other);
    try {
      assertEquals("seeded", writer.send("seed"));
      return jvms;
    } catch (Exception | AssertionError e) {
      jvms.close();
      throw e;
    }
  }

  /** Writes the next version in a request of the writer's own, and returns when its commit returned. */
  Write write() throws IOException, InterruptedException {
    int version = writes.size() + 1;
    String reply = writer.send("write " + version);
    String[] words = reply.split(" ");
    assertTrue(reply.startsWith("wrote " + version + " "), reply);
    Write write = new Write(version, Long.parseLong(words[2]));
    writes.add(write);
    return write;
  }

  /** The path of the request that wrote {@code version}, to find its report. */
  String writePath(int version) {
    return "/scenario/fault-write/" + label + "/" + version;
  }

  List<Write> writes() {
    return List.copyOf(writes);
  }

  /** Waits until a call in {@code jvm} is a hit of {@code version} or later; returns how long that took. */
  long awaitHit(JvmUnderTest jvm, int version, long withinMillis) throws IOException, InterruptedException {
    String reply = jvm.send("await " + version + " " + withinMillis);
    if (!reply.startsWith("hit ")) {
      fail(jvm + ": " + reply + "; its output:\n" + jvm.output());
    }
    return Long.parseLong(reply.substring(reply.indexOf(" after ") + 7, reply.indexOf(" ms")));
  }

  void startReaders() throws IOException, InterruptedException {
    for (JvmUnderTest jvm : List.of(writer, other)) {
      assertEquals("readers started", jvm.send("readers start " + READER_THREADS));
    }
  }

  /** Stops the reader threads of both JVMs and returns what they recorded; fails if any call threw. */
  Reads stopReaders() throws IOException, InterruptedException {
    return new Reads(stopReaders(writer), stopReaders(other));
  }

  private List<Read> stopReaders(JvmUnderTest jvm) throws IOException, InterruptedException {
    Path file = dir.resolve(jvm + "-reads.txt");
    String reply = jvm.send("readers stop " + file);
    assertTrue(reply.startsWith("readers stopped "), reply);
    List<Read> reads = Files.readAllLines(file).stream().map(Read::parse).toList();
    assertTrue(reads.stream().noneMatch(read -> read.version() == Read.FAILED),
        () -> jvm + ": a call of the cached method threw; its output:\n" + jvm.output());
    return reads;
  }

  /** What the reader threads of both JVMs recorded. */
  record Reads(List<Read> writer, List<Read> other) {
    List<Read> all() {
      return Stream.concat(writer.stream(), other.stream()).toList();
    }

    /** The slowest call among those that started at {@code nanos} or later (when a fault began). */
    Read slowestSince(long nanos) {
      return all().stream().filter(read -> read.startNanos() - nanos >= 0)
          .max(Comparator.comparingLong(read -> read.endNanos() - read.startNanos())).orElseThrow();
    }
  }

  /** Prints what a fault test measured, for the table of agent/FAILURE-MODES.md. */
  static void measured(String fault, String numbers) {
    System.out.println("MEASURED " + fault + ": " + numbers);
  }

  static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  Staleness staleness(List<Read> reads) {
    return Staleness.of(reads, writes);
  }

  @Override
  public void close() throws Exception {
    try (database) {
      writer.close();
      other.close();
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }
}
