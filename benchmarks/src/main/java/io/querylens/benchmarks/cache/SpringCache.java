package io.querylens.benchmarks.cache;

import java.util.List;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.serializer.JacksonJsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext.SerializationPair;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Spring side of {@link HitVsSpringBenchmark}: {@code @EnableCaching} with Spring Data Redis's
 * {@link RedisCacheManager} on the benchmark's Redis, as a Spring Boot 4 application would configure it, minus Boot.
 *
 * <p>Values are JSON through {@link JacksonJsonRedisSerializer} typed to {@code List<RecipeDto>}: Spring Data Redis
 * 4's Jackson 3 serializer ({@code tools.jackson}), the one its documentation now points to (the Jackson 2 ones are
 * deprecated), and the typed one rather than {@code GenericJacksonJsonRedisSerializer}, which would write class names
 * into the JSON and make the payload larger than the agent's. The one setting changed from its defaults: Jackson 3
 * sorts properties alphabetically, Jackson 2 and the agent keep the record's order; unsorted, the stored bytes are
 * exactly the agent's payload (checked in set-up). Keys are Spring's defaults: {@code bench-recipes::SimpleKey []}.
 */
final class SpringCache {
  /** Which Redis client Spring Data Redis runs on. */
  enum Client {
    /** Spring Boot's default: one shared, thread-safe Netty connection. */
    LETTUCE,
    /** Jedis, pooled (Spring Data Redis's default pool of 8). */
    JEDIS
  }

  private SpringCache() {}

  /** A started context whose {@link CacheableRecipes} bean is the caching proxy. */
  static AnnotationConfigApplicationContext start(Client client, int port) {
    AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    context.registerBean(Client.class, () -> client);
    context.registerBean("redisPort", Integer.class, () -> port);
    context.register(Config.class);
    context.refresh();
    return context;
  }

  /** The Jackson 3 serializer of the cached value. */
  static JacksonJsonRedisSerializer<List<RecipeDto>> valueSerializer() {
    JsonMapper mapper = JsonMapper.builder().disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY).build();
    JavaType type = mapper.getTypeFactory().constructCollectionType(List.class, RecipeDto.class);
    return new JacksonJsonRedisSerializer<>(mapper, type);
  }

  @Configuration(proxyBeanMethods = false)
  @EnableCaching
  static class Config {
    @Bean
    RedisConnectionFactory redisConnectionFactory(Client client, Integer redisPort) {
      RedisStandaloneConfiguration server = new RedisStandaloneConfiguration("127.0.0.1", redisPort);
      return client == Client.LETTUCE ? new LettuceConnectionFactory(server) : new JedisConnectionFactory(server);
    }

    @Bean
    RedisCacheManager cacheManager(RedisConnectionFactory connections) {
      return RedisCacheManager.builder(connections)
          .cacheDefaults(RedisCacheConfiguration.defaultCacheConfig()
              .serializeValuesWith(SerializationPair.fromSerializer(valueSerializer())))
          .build();
    }

    @Bean
    CacheableRecipes cacheableRecipes() {
      return new CacheableRecipes();
    }
  }
}
