package io.querylens.agent.invalidation;

import java.util.HashSet;
import java.util.Set;

/** The tables one running {@code @Cached} method body has read so far: what its entry will depend on. */
public final class TableReads {
  private final Set<String> tables = new HashSet<>();
  private String unknownReason;

  void add(Set<String> read) {
    tables.addAll(read);
  }

  void unknown(String reason) {
    if (unknownReason == null) {
      unknownReason = reason;
    }
  }

  public Set<String> tables() {
    return tables;
  }

  /** Why the tables read can't all be named (a statement the agent could not read), or null if they can. */
  public String unknownReason() {
    return unknownReason;
  }
}
