package io.querylens.demo;

import io.querylens.demo.redis.EmbeddedRedis;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The QueryLens demo: a small cookbook whose {@code GET /api/recipes} runs the classic N+1 and whose
 * {@code GET /api/recipes/fetch-join} is the fix, so the agent's reports have something to show.
 *
 * <p>Run it with the agent from the repository root:
 * <pre>
 * java -javaagent:agent/target/querylens-agent.jar=reports.dir=reports/demo -jar demo-app/target/querylens-demo.jar
 * </pre>
 * H2 in memory by default; {@code SPRING_DATASOURCE_URL} (with {@code SPRING_DATASOURCE_USERNAME} and
 * {@code SPRING_DATASOURCE_PASSWORD}) switches to PostgreSQL. The agent's {@code @Cached} needs a Redis: the demo
 * starts one itself unless {@code QUERYLENS_REDIS_URL} names one (see {@link EmbeddedRedis}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DemoApplication {

  public static void main(String[] args) {
    SpringApplication application = new SpringApplication(DemoApplication.class);
    application.addListeners(new EmbeddedRedis());
    application.run(args);
  }
}
