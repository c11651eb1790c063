package io.querylens.demo.seed;

import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.ApplicationDataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.autoconfigure.init.SqlInitializationProperties;
import org.springframework.jdbc.datasource.init.ScriptException;
import org.springframework.stereotype.Component;

/**
 * Runs {@code schema.sql} as Spring Boot's own initializer does ({@code spring.sql.init.*}, which it replaces), and
 * runs it again when a statement fails, because instances that start at the same moment race on it: PostgreSQL's
 * {@code create table if not exists} is not safe against a concurrent identical one, and the loser fails with
 * {@code duplicate key value violates unique constraint "pg_class_relname_nsp_index"} (seen with two demos started
 * together on one empty database). Every statement of the script is idempotent, so running it again after the winner
 * has committed creates nothing and succeeds. Hibernate's schema validation and the seeding still run after it, as
 * Spring Boot orders everything that uses the database after a bean of this type.
 */
@Component
// Spring Boot binds these (spring.sql.init.*) only for the initializer this class replaces.
@EnableConfigurationProperties(SqlInitializationProperties.class)
class SchemaInitializer extends ApplicationDataSourceScriptDatabaseInitializer {

  private static final Logger log = LoggerFactory.getLogger(SchemaInitializer.class);

  private static final int MAX_ATTEMPTS = 5;

  SchemaInitializer(DataSource dataSource, SqlInitializationProperties properties) {
    super(dataSource, properties);
  }

  @Override
  protected void runScripts(Scripts scripts) {
    for (int attempt = 1; ; attempt++) {
      try {
        super.runScripts(scripts);
        return;
      } catch (ScriptException failed) {
        if (attempt == MAX_ATTEMPTS) {
          throw failed;
        }
        log.info("The schema script failed, most likely because another instance is creating the same tables; "
            + "running it again ({})", failed.getMostSpecificCause().getMessage());
        pause(attempt);
      }
    }
  }

  private static void pause(int attempt) {
    try {
      // Long enough for the other instance's DDL, each statement of which commits on its own, to finish.
      Thread.sleep(200L * attempt);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to run the schema script again", interrupted);
    }
  }
}
