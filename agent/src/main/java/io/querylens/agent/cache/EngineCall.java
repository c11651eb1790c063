package io.querylens.agent.cache;

import io.querylens.agent.invalidation.TableReads;
import io.querylens.agent.request.CacheCall;

/** A {@link CacheCall} as the engine makes it: with what it keeps from the lookup to the completion, in its own types. */
final class EngineCall extends CacheCall {
  private final CachedMethod method;
  private Flight flight;
  private TableReads reads;

  EngineCall(CachedMethod method, String key, Outcome outcome) {
    super(key, outcome);
    this.method = method;
  }

  CachedMethod method() {
    return method;
  }

  /** The in-JVM single flight this call leads, or null. */
  Flight flight() {
    return flight;
  }

  void flight(Flight leading) {
    this.flight = leading;
  }

  /** What records the tables the method body reads while it runs, or null when nothing needs them. */
  TableReads reads() {
    return reads;
  }

  void reads(TableReads recorder) {
    this.reads = recorder;
  }
}
