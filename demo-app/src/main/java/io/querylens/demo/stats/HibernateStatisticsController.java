package io.querylens.demo.stats;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Exposes Hibernate's cumulative statistics ({@code hibernate.generate_statistics=true}). The counters are read from
 * memory: this endpoint opens no session and runs no SQL, so calling it before and after a request brackets exactly
 * that request's statements (what {@code AgentEndToEndTest} compares with the agent's {@code queries.count}).
 */
@RestController
class HibernateStatisticsController {

  private final Statistics statistics;

  HibernateStatisticsController(EntityManagerFactory entityManagerFactory) {
    this.statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
  }

  @GetMapping("/api/stats/hibernate")
  HibernateStatisticsDto get() {
    return new HibernateStatisticsDto(
        statistics.isStatisticsEnabled(),
        statistics.getPrepareStatementCount(),
        statistics.getCloseStatementCount(),
        statistics.getQueryExecutionCount(),
        statistics.getEntityLoadCount(),
        statistics.getEntityFetchCount(),
        statistics.getCollectionLoadCount(),
        statistics.getCollectionFetchCount(),
        statistics.getConnectCount(),
        statistics.getSessionOpenCount(),
        statistics.getTransactionCount());
  }

  /** A snapshot of the counters; every count is cumulative since startup. */
  record HibernateStatisticsDto(
      boolean enabled,
      long prepareStatementCount,
      long closeStatementCount,
      long queryExecutionCount,
      long entityLoadCount,
      long entityFetchCount,
      long collectionLoadCount,
      long collectionFetchCount,
      long connectCount,
      long sessionOpenCount,
      long transactionCount) {}
}
