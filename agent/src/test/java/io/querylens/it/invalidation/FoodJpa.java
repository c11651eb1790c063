package io.querylens.it.invalidation;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;
import org.hibernate.cfg.Configuration;
import org.hibernate.cfg.JdbcSettings;
import org.hibernate.cfg.SchemaToolingSettings;

/** Hibernate over the same pool, with resource-local transactions as a JPA application without Spring has them. */
public final class FoodJpa implements AutoCloseable {
  private final EntityManagerFactory factory;

  private FoodJpa(EntityManagerFactory factory) {
    this.factory = factory;
  }

  public static FoodJpa over(DataSource dataSource) {
    Configuration configuration = new Configuration().addAnnotatedClass(Food.class);
    configuration.getProperties().put(JdbcSettings.JAKARTA_NON_JTA_DATASOURCE, dataSource);
    configuration.setProperty(SchemaToolingSettings.HBM2DDL_AUTO, "none"); // FoodDatabase owns the schema
    return new FoodJpa(configuration.buildSessionFactory());
  }

  public <T> T read(Function<EntityManager, T> query) {
    try (EntityManager entityManager = factory.createEntityManager()) {
      return query.apply(entityManager);
    }
  }

  public void commit(Consumer<EntityManager> work) {
    try (EntityManager entityManager = factory.createEntityManager()) {
      entityManager.getTransaction().begin();
      try {
        work.accept(entityManager);
        entityManager.getTransaction().commit();
      } finally {
        if (entityManager.getTransaction().isActive()) {
          entityManager.getTransaction().rollback();
        }
      }
    }
  }

  /** Runs the work, flushes it so that its SQL really reaches the database, then rolls back. */
  public void rollBack(Consumer<EntityManager> work) {
    try (EntityManager entityManager = factory.createEntityManager()) {
      entityManager.getTransaction().begin();
      try {
        work.accept(entityManager);
        entityManager.flush();
      } finally {
        entityManager.getTransaction().rollback();
      }
    }
  }

  @Override
  public void close() {
    factory.close();
  }
}
