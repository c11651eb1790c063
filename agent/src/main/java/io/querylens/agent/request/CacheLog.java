package io.querylens.agent.request;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** The {@code @Cached} calls of one request: exact totals, and the first {@value #MAX_LISTED} calls in detail. */
public final class CacheLog {
  static final int MAX_LISTED = 100;

  /** One call as the report shows it. */
  public record Entry(String cache, String method, CacheCall.Outcome outcome, long nanos, int queries,
      int avoidedQueries, String detail) {}

  private List<Entry> entries;
  private int hits;
  private int misses;
  private int errors;
  private int bypassed;
  private int omitted;
  private SortedSet<String> invalidatedTables;
  private SortedSet<String> invalidationOwed;
  private String invalidatedAllBecause;

  public void record(Entry entry) {
    switch (entry.outcome()) {
      case HIT: hits++; break;
      case MISS: case STALE: misses++; break;
      case ERROR: errors++; break;
      default: bypassed++; break;
    }
    if (entries == null) {
      entries = new ArrayList<>(4);
    }
    if (entries.size() < MAX_LISTED) {
      entries.add(entry);
    } else {
      omitted++;
    }
  }

  /**
   * The request's writes moved these tables' versions on in Redis ({@code *}: every entry, for {@code reason}). A
   * bump that reaches Redis delivers every bump owed before it, so this request's owed tables have reached it too.
   */
  public void invalidated(Set<String> tables, String reason) {
    if (invalidatedTables == null) {
      invalidatedTables = new TreeSet<>();
    }
    invalidatedTables.addAll(tables);
    if (invalidationOwed != null) {
      invalidatedTables.addAll(invalidationOwed);
      invalidationOwed = null;
    }
    explainAll(tables, reason);
  }

  /** The request's writes should have moved these tables' versions on, but Redis could not be reached: owed. */
  public void owed(Set<String> tables, String reason) {
    if (invalidationOwed == null) {
      invalidationOwed = new TreeSet<>();
    }
    invalidationOwed.addAll(tables);
    explainAll(tables, reason);
  }

  private void explainAll(Set<String> tables, String reason) {
    if (tables.contains("*") && invalidatedAllBecause == null) {
      invalidatedAllBecause = reason == null || reason.isEmpty() ? "a write whose tables can't be named" : reason;
    }
  }

  public List<String> invalidatedTables() {
    return invalidatedTables == null ? List.of() : List.copyOf(invalidatedTables);
  }

  /** Tables whose bump had not reached Redis when the write returned; delivered later by the retries. */
  public List<String> invalidationOwed() {
    return invalidationOwed == null ? List.of() : List.copyOf(invalidationOwed);
  }

  /** Why every entry was invalidated, or null if no write was of that kind. */
  public String invalidatedAllBecause() {
    return invalidatedAllBecause;
  }

  public List<Entry> entries() {
    return entries == null ? Collections.emptyList() : Collections.unmodifiableList(entries);
  }

  public int hits() {
    return hits;
  }

  public int misses() {
    return misses;
  }

  public int errors() {
    return errors;
  }

  public int bypassed() {
    return bypassed;
  }

  public int omitted() {
    return omitted;
  }
}
