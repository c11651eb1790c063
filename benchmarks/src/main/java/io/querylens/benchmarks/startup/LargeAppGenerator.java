package io.querylens.benchmarks.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a larger Spring Boot application than the demo, as a Maven project, for the start-up benchmark (#11): a
 * start-up cost that grows with the classes an application loads shows there and not on the demo's three entities.
 * Per "module" {@code i}: a JPA entity {@code Thing<i>}, its Spring Data repository (every fourth one with a
 * {@code @Cached} method), a service, a configuration class with two beans, and one REST controller per four modules.
 * With the default 150 modules that is 150 entities and about 700 beans of its own, on Spring MVC, Spring Data JPA and
 * H2, plus an embedded Redis on 6379 for {@code @Cached} (started by {@code main} when the port is free, as the
 * demo does), so both of the benchmark's modes apply.
 *
 * <pre>
 * mvn -q -DskipTests package -pl benchmarks,demo-app -am
 * java -cp benchmarks/target/querylens-benchmarks.jar io.querylens.benchmarks.startup.LargeAppGenerator \
 *     --out=benchmarks/target/large-app --modules=150
 * mvn -q -f benchmarks/target/large-app/pom.xml package
 * java -cp benchmarks/target/querylens-benchmarks.jar io.querylens.benchmarks.startup.StartupRunner \
 *     --app=benchmarks/target/large-app/target/large-app.jar --path=/api/things0 --rounds=3
 * </pre>
 *
 * Nothing of it is committed or built by {@code mvn verify}: it exists to be measured.
 */
public final class LargeAppGenerator {
  private static final String PACKAGE = "org.example.large";

  private LargeAppGenerator() {}

  public static void main(String[] arguments) throws IOException {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("out", "benchmarks/target/large-app");
    options.put("modules", "150");
    options.put("annotations-jar", "agent/annotations/target/querylens-annotations-0.1.0-SNAPSHOT.jar");
    options.put("spring-boot", "4.0.7");
    options.put("embedded-redis", "1.4.3");
    Options.parse(options, arguments);
    Path out = Path.of(options.get("out"));
    int modules = Integer.parseInt(options.get("modules"));
    Path annotations = Path.of(options.get("annotations-jar")).toAbsolutePath();
    if (!Files.isRegularFile(annotations)) {
      throw new IllegalArgumentException(annotations + " is missing: build the agent first (mvn -q -DskipTests "
          + "package -pl benchmarks,demo-app -am)");
    }
    Path sources = out.resolve("src/main/java/" + PACKAGE.replace('.', '/'));
    Files.createDirectories(sources);
    Files.createDirectories(out.resolve("src/main/resources"));
    Files.writeString(out.resolve("pom.xml"), pom(options, annotations));
    Files.writeString(out.resolve("src/main/resources/application.properties"), """
        spring.datasource.url=jdbc:h2:mem:large;DB_CLOSE_DELAY=-1
        spring.jpa.hibernate.ddl-auto=create
        spring.jpa.open-in-view=false
        """);
    Files.writeString(sources.resolve("LargeApplication.java"), application());
    for (int i = 0; i < modules; i++) {
      Files.writeString(sources.resolve("Thing" + i + ".java"), entity(i));
      Files.writeString(sources.resolve("Thing" + i + "Repository.java"), repository(i));
      Files.writeString(sources.resolve("Thing" + i + "Service.java"), service(i));
      Files.writeString(sources.resolve("Thing" + i + "Config.java"), config(i));
      if (i % 4 == 0) {
        Files.writeString(sources.resolve("Things" + i + "Controller.java"), controller(i, Math.min(i + 4, modules)));
      }
    }
    System.out.println("Wrote " + out + ": " + modules + " entities, repositories, services and configurations, "
        + ((modules + 3) / 4) + " controllers; build it with mvn -q -f " + out.resolve("pom.xml") + " package");
  }

  private static String pom(Map<String, String> options, Path annotations) {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0"
                 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                 xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
          <modelVersion>4.0.0</modelVersion>
          <parent>
            <groupId>org.springframework.boot</groupId>
            <artifactId>spring-boot-starter-parent</artifactId>
            <version>%s</version>
            <relativePath/>
          </parent>
          <groupId>org.example</groupId>
          <artifactId>large-app</artifactId>
          <version>1</version>
          <properties>
            <java.version>17</java.version>
          </properties>
          <dependencies>
            <dependency>
              <groupId>org.springframework.boot</groupId>
              <artifactId>spring-boot-starter-webmvc</artifactId>
            </dependency>
            <dependency>
              <groupId>org.springframework.boot</groupId>
              <artifactId>spring-boot-starter-data-jpa</artifactId>
            </dependency>
            <dependency>
              <groupId>com.h2database</groupId>
              <artifactId>h2</artifactId>
              <scope>runtime</scope>
            </dependency>
            <dependency>
              <groupId>com.github.codemonstur</groupId>
              <artifactId>embedded-redis</artifactId>
              <version>%s</version>
              <exclusions>
                <exclusion>
                  <groupId>redis.clients</groupId>
                  <artifactId>jedis</artifactId>
                </exclusion>
              </exclusions>
            </dependency>
            <dependency>
              <groupId>io.querylens</groupId>
              <artifactId>querylens-annotations</artifactId>
              <version>0.1.0-SNAPSHOT</version>
              <scope>system</scope>
              <systemPath>%s</systemPath>
            </dependency>
          </dependencies>
          <build>
            <finalName>large-app</finalName>
            <plugins>
              <plugin>
                <groupId>org.springframework.boot</groupId>
                <artifactId>spring-boot-maven-plugin</artifactId>
                <configuration>
                  <includeSystemScope>true</includeSystemScope>
                </configuration>
              </plugin>
            </plugins>
          </build>
        </project>
        """.formatted(options.get("spring-boot"), options.get("embedded-redis"), annotations);
  }

  private static String application() {
    return """
        package %s;

        import java.io.IOException;
        import java.net.InetSocketAddress;
        import java.net.Socket;
        import org.springframework.boot.SpringApplication;
        import org.springframework.boot.autoconfigure.SpringBootApplication;
        import redis.embedded.RedisServer;

        @SpringBootApplication
        public class LargeApplication {
          public static void main(String[] args) throws IOException {
            // The agent's default redis.url is localhost:6379: start one there unless one runs, as the demo does.
            if (!listening(6379)) {
              RedisServer redis = RedisServer.newRedisServer().bind("127.0.0.1").port(6379)
                  .setting("save \\"\\"").setting("appendonly no").build();
              redis.start();
              Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                  redis.stop();
                } catch (IOException ignored) {
                  // exiting anyway
                }
              }));
            }
            SpringApplication.run(LargeApplication.class, args);
          }

          private static boolean listening(int port) {
            try (Socket socket = new Socket()) {
              socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
              return true;
            } catch (IOException nothing) {
              return false;
            }
          }
        }
        """.formatted(PACKAGE);
  }

  private static String entity(int i) {
    String parent = i == 0 ? "" : """

          @ManyToOne(fetch = FetchType.LAZY)
          private Thing%d parent;
        """.formatted(i - 1);
    return """
        package %s;

        import jakarta.persistence.Entity;
        import jakarta.persistence.FetchType;
        import jakarta.persistence.GeneratedValue;
        import jakarta.persistence.Id;
        import jakarta.persistence.ManyToOne;

        @Entity
        public class Thing%d {
          @Id
          @GeneratedValue
          private Long id;
          private String name;
          private int amount;
        %s
          public Long getId() {
            return id;
          }

          public String getName() {
            return name;
          }

          public void setName(String name) {
            this.name = name;
          }

          public int getAmount() {
            return amount;
          }

          public void setAmount(int amount) {
            this.amount = amount;
          }
        }
        """.formatted(PACKAGE, i, parent);
  }

  private static String repository(int i) {
    String cached = i % 4 == 0 ? """

          @Cached(name = "thing%d-names")
          List<String> findNamesByAmountGreaterThan(int amount);
        """.formatted(i) : "";
    String query = i % 4 == 0
        ? "\n  @org.springframework.data.jpa.repository.Query(\"select t.name from Thing" + i
            + " t where t.amount > ?1\")" : "";
    return """
        package %s;

        import io.querylens.annotations.Cached;
        import java.util.List;
        import org.springframework.data.jpa.repository.JpaRepository;

        public interface Thing%dRepository extends JpaRepository<Thing%d, Long> {
          List<Thing%d> findByNameStartingWith(String prefix);
        %s%s
        }
        """.formatted(PACKAGE, i, i, i, query, cached);
  }

  private static String service(int i) {
    String names = i % 4 == 0 ? "repository.findNamesByAmountGreaterThan(0)" : "List.of()";
    return """
        package %s;

        import java.util.List;
        import org.springframework.stereotype.Service;
        import org.springframework.transaction.annotation.Transactional;

        @Service
        public class Thing%dService {
          private final Thing%dRepository repository;
          private final Thing%dConfig.Helper helper;

          Thing%dService(Thing%dRepository repository, Thing%dConfig.Helper helper) {
            this.repository = repository;
            this.helper = helper;
          }

          @Transactional(readOnly = true)
          public List<String> names() {
            List<String> names = %s;
            return names.isEmpty() ? repository.findByNameStartingWith(helper.prefix()).stream()
                .map(Thing%d::getName).toList() : names;
          }
        }
        """.formatted(PACKAGE, i, i, i, i, i, i, names, i);
  }

  private static String config(int i) {
    return """
        package %s;

        import org.springframework.context.annotation.Bean;
        import org.springframework.context.annotation.Configuration;

        @Configuration
        public class Thing%dConfig {
          public record Helper(String prefix) {}

          public record Clock(long offset) {}

          @Bean
          Helper thing%dHelper() {
            return new Helper("t%d");
          }

          @Bean
          Clock thing%dClock() {
            return new Clock(%d);
          }
        }
        """.formatted(PACKAGE, i, i, i, i, i);
  }

  private static String controller(int first, int end) {
    StringBuilder fields = new StringBuilder();
    StringBuilder parameters = new StringBuilder();
    StringBuilder assignments = new StringBuilder();
    StringBuilder endpoints = new StringBuilder();
    for (int i = first; i < end; i++) {
      fields.append("  private final Thing").append(i).append("Service thing").append(i).append(";\n");
      parameters.append(i == first ? "" : ", ").append("Thing").append(i).append("Service thing").append(i);
      assignments.append("    this.thing").append(i).append(" = thing").append(i).append(";\n");
      endpoints.append("""

            @GetMapping("/api/things%d")
            public List<String> things%d() {
              return thing%d.names();
            }
          """.formatted(i, i, i));
    }
    return """
        package %s;

        import java.util.List;
        import org.springframework.web.bind.annotation.GetMapping;
        import org.springframework.web.bind.annotation.RestController;

        @RestController
        public class Things%dController {
        %s
          Things%dController(%s) {
        %s  }
        %s}
        """.formatted(PACKAGE, first, fields, first, parameters, assignments, endpoints);
  }
}
