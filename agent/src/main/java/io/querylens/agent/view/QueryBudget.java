package io.querylens.agent.view;

import java.util.Map;
import java.util.Optional;

/**
 * Per endpoint, the most queries one request may run and whether it may run an N+1 statement; as read from a budget
 * file by {@link BudgetFile}. An endpoint the file does not name takes each rule from {@code default}; a rule that
 * neither names is no limit.
 *
 * @param endpoints keyed by {@link EndpointRoute#of} form, e.g. {@code GET /api/recipes/{id}}
 */
public record QueryBudget(String source, Rules defaults, Map<String, Rules> endpoints) {

  public QueryBudget {
    endpoints = Map.copyOf(endpoints);
  }

  /** The rules one line of the file, or the default, set for an endpoint; either may be absent. */
  public record Rules(Optional<MaxQueries> maxQueries, Optional<NPlusOne> nPlusOne) {
    static final Rules NONE = new Rules(Optional.empty(), Optional.empty());

    Rules with(MaxQueries rule) {
      return new Rules(Optional.of(rule), nPlusOne);
    }

    Rules with(NPlusOne rule) {
      return new Rules(maxQueries, Optional.of(rule));
    }
  }

  /**
   * @param limit the most queries per request; {@link Long#MAX_VALUE} for {@code unlimited}
   * @param line where the budget file says so, and {@code key} what it says, for messages
   */
  public record MaxQueries(long limit, int line, String key) {
    public boolean unlimited() {
      return limit == Long.MAX_VALUE;
    }
  }

  public record NPlusOne(boolean allowed, int line, String key) {}

  public Optional<MaxQueries> maxQueries(String endpoint) {
    return rules(endpoint).maxQueries().or(defaults::maxQueries);
  }

  public Optional<NPlusOne> nPlusOne(String endpoint) {
    return rules(endpoint).nPlusOne().or(defaults::nPlusOne);
  }

  private Rules rules(String endpoint) {
    return endpoints.getOrDefault(endpoint, Rules.NONE);
  }
}
