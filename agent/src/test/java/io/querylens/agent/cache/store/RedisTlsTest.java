package io.querylens.agent.cache.store;

import static io.querylens.agent.cache.store.RedisCacheStoreTest.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rediss://} against a redis-server that speaks only TLS, with a self-signed certificate issued for
 * {@code localhost} alone: trusted and named right it works; untrusted, or dialled by another name (127.0.0.1), it is
 * refused with a message that says TLS.
 *
 * <p>Skipped, with a message saying why, when the embedded redis-server binary was built without TLS support; the one
 * embedded-redis 1.4.3 ships for linux-amd64 has it (it links libssl.so.3).
 */
class RedisTlsTest {
  @TempDir
  static Path certificates;

  private static RedisProcess redis;
  private static SSLSocketFactory trusting;

  @BeforeAll
  static void startRedis() throws Exception {
    SelfSignedCertificate certificate = SelfSignedCertificate.create(certificates, "dns:localhost");
    trusting = certificate.trustingSocketFactory();
    try {
      redis = RedisProcess.launchTls(
          "tls-cert-file " + certificate.certificatePem.toAbsolutePath(),
          "tls-key-file " + certificate.privateKeyPem.toAbsolutePath(),
          "tls-ca-cert-file " + certificate.certificatePem.toAbsolutePath(),
          "tls-auth-clients no");
    } catch (IOException e) {
      String output = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
      boolean noTls = output.contains("bad directive") || output.contains("tls is not supported")
          || output.contains("not compiled with tls") || output.contains("tls support");
      Assumptions.assumeFalse(noTls, "skipped: the embedded redis-server binary was built without TLS support, so "
          + "rediss:// cannot be tested against it: " + e.getMessage());
      throw e;
    }
  }

  @AfterAll
  static void stopRedis() {
    if (redis != null) {
      redis.close();
    }
  }

  @Test
  void aTrustedCertificateForTheDialledHostWorks() {
    try (RedisCacheStore store = connect("rediss://localhost:" + redis.port(), trusting)) {
      StoreCommands.set(store, bytes("k"), bytes("over TLS"), 60_000);
      assertArrayEquals(bytes("over TLS"), StoreCommands.get(store, bytes("k")));
      assertEquals("rediss://localhost:" + redis.port(), store.describe());
    }
  }

  @Test
  void aCertificateForAnotherHostIsRefused() {
    // Jedis alone would accept this: it checks the chain but not the name unless told to.
    try (RedisCacheStore store = connect("rediss://127.0.0.1:" + redis.port(), trusting)) {
      StoreUnavailableException e = StoreCalls.failure(() -> StoreCommands.get(store, bytes("k")));
      assertTrue(e.getMessage().startsWith("TLS failed: "), e.getMessage());
      assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
    }
  }

  @Test
  void anUntrustedCertificateIsRefused() {
    try (RedisCacheStore store = connect("rediss://localhost:" + redis.port(), null)) {
      StoreUnavailableException e = StoreCalls.failure(() -> StoreCommands.get(store, bytes("k")));
      assertTrue(e.getMessage().startsWith("TLS failed: "), e.getMessage());
    }
  }

  @Test
  void plainTextToATlsPortFailsWithoutHanging() {
    try (RedisCacheStore store = connect("redis://localhost:" + redis.port(), null)) {
      StoreCalls.failure(() -> StoreCommands.get(store, bytes("k")));
    }
  }

  private static RedisCacheStore connect(String url, SSLSocketFactory factory) {
    return RedisCacheStore.connect(new RedisSettings(url, List.of(), Duration.ofMillis(250), Duration.ofMillis(250),
        4, 3, Duration.ofSeconds(2)), factory);
  }
}
