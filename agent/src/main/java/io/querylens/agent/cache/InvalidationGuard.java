package io.querylens.agent.cache;

import io.querylens.agent.invalidation.TableReads;
import io.querylens.agent.invalidation.TableVersions;
import io.querylens.agent.invalidation.WriteTracker;
import io.querylens.agent.request.CacheCall;
import io.querylens.agent.request.CacheCall.Outcome;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What automatic invalidation checks so that no entry outlives a write to a table it read: before a result is
 * stored, that the tables its method read can all be named, that their versions were read before it ran (the entry
 * records those, so a write committed meanwhile makes it stale at once), and that this thread's own transaction has
 * not written them; before an entry is served, that none of its tables has moved on since it was filled.
 */
final class InvalidationGuard {
  private final WriteTracker tracker;
  private final EntryStore entries;

  /** {@code tracker} is null when automatic invalidation is off; only {@link #changedTable} may then be asked. */
  InvalidationGuard(WriteTracker tracker, EntryStore entries) {
    this.tracker = tracker;
    this.entries = entries;
  }

  /**
   * Whether the result of a method body that read {@code reads} must not be stored; if so, the call's outcome says
   * why. Rows read inside a transaction that wrote them are neither stored nor shared with other threads.
   */
  boolean refusesToStore(CacheCall call, TableReads reads) {
    String written = firstShared(tracker.uncommittedTables(), reads.tables());
    if (written != null) {
      bypassForOwnWrites(call, written);
      return true;
    }
    String unstorable = null;
    if (reads.unknownReason() != null) {
      unstorable = "not stored: it read tables the agent cannot name (" + reads.unknownReason() + ")";
    } else if (call.tableVersions() == null) {
      // After a failed lookup, the lookup's cause is the reason: a generic line would hide a wrong password.
      unstorable = call.outcome() == Outcome.ERROR && call.detail() != null
          ? call.detail() + "; not stored"
          : "not stored: the table versions could not be read before it ran";
    }
    if (unstorable == null) {
      return false;
    }
    call.outcome(call.outcome(), unstorable);
    return true;
  }

  /** The tables read, with the versions seen before the method ran; {@code *} always, 0 for tables never written. */
  static Map<String, String> dependencies(Set<String> read, Map<String, String> before) {
    Map<String, String> dependencies = new TreeMap<>();
    String absent = EntryStore.neverWritten(before);
    dependencies.put(TableVersions.ANY, before.getOrDefault(TableVersions.ANY, absent));
    for (String table : read) {
      dependencies.put(table, before.getOrDefault(table, absent));
    }
    return dependencies;
  }

  /**
   * The first of the entry's tables whose version moved on since the fill, or null if none did. Versions the lookup
   * did not read with the entry cost one more {@code MGET}, and the method expects those tables from then on.
   */
  String changedTable(CacheEntry entry, CachedMethod method, EntryStore.Lookup found) {
    List<String> unread = null;
    for (int i = 0; i < entry.tables.length; i++) {
      String current = found.tableVersion(entry.tables[i]);
      if (current == null) {
        if (unread == null) {
          unread = new ArrayList<>();
        }
        unread.add(entry.tables[i]);
      } else if (!entry.versions[i].equals(current)) {
        return entry.tables[i];
      }
    }
    if (unread == null) {
      return null;
    }
    Map<String, String> current = entries.versionsOf(unread, found.generation);
    method.expect(unread);
    for (int i = 0; i < entry.tables.length; i++) {
      String version = current.get(entry.tables[i]);
      if (version != null && !entry.versions[i].equals(version)) {
        return entry.tables[i];
      }
    }
    return null;
  }

  /** The first of {@code written} that {@code read} names, or {@code *}-style: any write of an unknown table. */
  static String firstShared(Set<String> written, Collection<String> read) {
    if (written.contains(TableVersions.ANY)) {
      return "tables the agent cannot name";
    }
    for (String table : read) {
      if (written.contains(table)) {
        return table;
      }
    }
    return null;
  }

  static void bypassForOwnWrites(CacheCall call, String table) {
    call.outcome(Outcome.BYPASS, "uncommitted writes to " + table + " in this transaction");
  }
}
