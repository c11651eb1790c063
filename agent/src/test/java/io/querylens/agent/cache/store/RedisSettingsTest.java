package io.querylens.agent.cache.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Settings and URL parsing; no Redis needed. */
class RedisSettingsTest {
  @Test
  void defaults() {
    RedisSettings settings = RedisSettings.defaults("redis://cache:6380");
    assertEquals(List.of(), settings.clusterNodes());
    assertEquals(Duration.ofMillis(250), settings.connectTimeout());
    assertEquals(Duration.ofMillis(250), settings.socketTimeout());
    assertEquals(16, settings.poolSize());
    assertEquals(3, settings.failureThreshold());
    assertEquals(Duration.ofSeconds(2), settings.openDuration());
    assertFalse(settings.clusterMode());
  }

  @Test
  void plainUrl() {
    RedisUrl url = RedisUrl.parse("redis://cache.internal:6380");
    assertEquals(new RedisUrl(false, null, null, "cache.internal", 6380, 0), url);
  }

  @Test
  void portAndDatabaseAreOptional() {
    assertEquals(new RedisUrl(false, null, null, "localhost", 6379, 0), RedisUrl.parse("redis://localhost"));
    assertEquals(new RedisUrl(false, null, null, "localhost", 6379, 0), RedisUrl.parse("redis://localhost/"));
    assertEquals(new RedisUrl(false, null, null, "localhost", 6379, 5), RedisUrl.parse("redis://localhost/5"));
  }

  @Test
  void tlsSchemeUserPasswordAndDatabase() {
    RedisUrl url = RedisUrl.parse("rediss://app:s3cret@redis.example.com:6390/2");
    assertEquals(new RedisUrl(true, "app", "s3cret", "redis.example.com", 6390, 2), url);
    assertEquals("rediss://redis.example.com:6390/2", url.redacted());
  }

  @Test
  void passwordAloneMeansTheDefaultUser() {
    RedisUrl url = RedisUrl.parse("redis://:s3cret@localhost:6379");
    assertNull(url.user());
    assertEquals("s3cret", url.password());
  }

  @Test
  void userInfoIsPercentDecodedAfterSplittingAtTheColon() {
    RedisUrl url = RedisUrl.parse("redis://us%3Aer:p%40ss%3Aw%2Frd%25+x@localhost:6379");
    assertEquals("us:er", url.user());
    assertEquals("p@ss:w/rd%+x", url.password(), "'+' is a plus in a URL, not a space as in a form");
  }

  @Test
  void unescapedAtAndSlashInThePasswordAreTolerated() {
    RedisUrl url = RedisUrl.parse("redis://:p@ss/w@localhost:6379/1");
    assertEquals("p@ss/w", url.password());
    assertEquals(1, url.database());
  }

  @Test
  void hostNamesWithUnderscoresAndIpv6Literals() {
    assertEquals("redis_cache", RedisUrl.parse("redis://redis_cache:6379").host());
    RedisUrl ipv6 = RedisUrl.parse("redis://[::1]:6380");
    assertEquals("::1", ipv6.host());
    assertEquals(6380, ipv6.port());
    assertEquals("redis://[::1]:6380", ipv6.redacted());
  }

  @Test
  void badUrlsNameTheProblemButNeverThePassword() {
    assertMessage("redis://:hunter2@host:99999", "port must be a whole number from 1 to 65535, was 99999");
    assertMessage("http://:hunter2@host:6379", "the scheme must be redis or rediss (TLS), was 'http'");
    assertMessage("redis://hunter2@host:6379", "the user info needs a colon");
    assertMessage("redis://:hunter2@host:6379/db", "database index must be a whole number");
    assertMessage("redis://:hunter2@host:6379/0?timeout=5", "query parameters and fragments are not supported");
    assertMessage("redis://:hunter2@:6379", "the host is missing");
    assertMessage("redis://:hunter2@::1:6379", "put an IPv6 address in brackets");
    assertMessage("redis://:hunter2%zz@host", "malformed %-escape");
    assertMessage("localhost:6379", "expected redis://[user:password@]host[:port][/db]");
  }

  @Test
  void toStringLeavesThePasswordOut() {
    RedisSettings settings = RedisSettings.defaults("redis://app:hunter2@localhost:6379");
    assertFalse(settings.toString().contains("hunter2"), settings.toString());
    assertTrue(settings.toString().contains("redis://***@localhost:6379"), settings.toString());
    assertFalse(RedisUrl.parse("redis://app:hunter2@localhost:6379").toString().contains("hunter2"));
  }

  @Test
  void clusterModeTakesCredentialsAndTlsFromAnOptionalUrl() {
    RedisSettings withoutUrl = cluster(null, List.of("10.0.0.1:7000", "[::1]:7001", "redis_node"));
    assertTrue(withoutUrl.clusterMode());
    RedisSettings withUrl = cluster("rediss://:s3cret@ignored-host", List.of("10.0.0.1:7000"));
    assertTrue(withUrl.clusterMode());
    IllegalArgumentException database =
        assertThrows(IllegalArgumentException.class, () -> cluster("redis://host/3", List.of("10.0.0.1:7000")));
    assertTrue(database.getMessage().contains("only database 0"), database.getMessage());
    IllegalArgumentException node =
        assertThrows(IllegalArgumentException.class, () -> cluster(null, List.of("10.0.0.1:seven")));
    assertTrue(node.getMessage().contains("port must be a whole number"), node.getMessage());
  }

  @Test
  void standaloneNeedsAUrl() {
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> RedisSettings.defaults(" "));
    assertTrue(missing.getMessage().contains("Redis URL is missing"), missing.getMessage());
  }

  @Test
  void timeoutsMustBeAtLeastOneMillisecond() {
    // A 0 ms socket timeout would mean "wait forever".
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> new RedisSettings(
        "redis://localhost", List.of(), Duration.ofMillis(250), Duration.ofNanos(999), 16, 3, Duration.ofSeconds(2)));
    assertTrue(zero.getMessage().startsWith("socketTimeout must be from 1 ms"), zero.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new RedisSettings(
        "redis://localhost", List.of(), null, Duration.ofMillis(250), 16, 3, Duration.ofSeconds(2)));
    assertThrows(IllegalArgumentException.class, () -> new RedisSettings(
        "redis://localhost", List.of(), Duration.ofMillis(250), Duration.ofMillis(250), 0, 3, Duration.ofSeconds(2)));
    assertThrows(IllegalArgumentException.class, () -> new RedisSettings(
        "redis://localhost", List.of(), Duration.ofMillis(250), Duration.ofMillis(250), 16, 0, Duration.ofSeconds(2)));
  }

  @Test
  void globCharactersOfAPrefixMatchOnlyThemselves() {
    assertEquals("a\\*b\\?c\\[d\\]e\\\\f*", new String(StoreCommands.prefixPattern("a*b?c[d]e\\f")));
    assertEquals("querylens:v1:*", new String(StoreCommands.prefixPattern("querylens:v1:")));
  }

  private static RedisSettings cluster(String url, List<String> nodes) {
    return new RedisSettings(url, nodes, Duration.ofMillis(250), Duration.ofMillis(250), 16, 3, Duration.ofSeconds(2));
  }

  private static void assertMessage(String url, String expected) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RedisSettings.defaults(url));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), "the password leaked: " + e.getMessage());
  }
}
