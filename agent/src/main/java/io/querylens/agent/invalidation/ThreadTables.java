package io.querylens.agent.invalidation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Invalidation's state of one thread: the tables written by its open transactions, per connection, and the
 * {@code @Cached} bodies running on it, innermost last. Only its own thread touches it.
 */
final class ThreadTables {
  /** Connection (as the application's statements name it) to the tables its open transaction wrote. */
  final Map<Object, Set<String>> uncommitted = new IdentityHashMap<>(2);
  final List<TableReads> readers = new ArrayList<>(2);
  /** Why the last write whose tables can't be named could not be read, for the report. */
  String unknownWriteReason = "";

  /** Every table written and not yet committed on this thread, {@code *} for an unknown one; empty if none. */
  Set<String> uncommittedTables() {
    if (uncommitted.isEmpty()) {
      return Set.of();
    }
    Set<String> all = new HashSet<>();
    for (Set<String> tables : uncommitted.values()) {
      all.addAll(tables);
    }
    return all;
  }
}
