package io.querylens.agent.cache.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away server certificate for TLS tests, made with the JDK's own keytool (so the tests need no openssl and no
 * test dependency) and written out as the PEM files redis-server reads.
 */
final class SelfSignedCertificate {
  private static final char[] STORE_PASSWORD = "changeit".toCharArray();

  final Path certificatePem;
  final Path privateKeyPem;
  private final X509Certificate certificate;

  private SelfSignedCertificate(Path certificatePem, Path privateKeyPem, X509Certificate certificate) {
    this.certificatePem = certificatePem;
    this.privateKeyPem = privateKeyPem;
    this.certificate = certificate;
  }

  /**
   * @param subjectAltNames in keytool's syntax, {@code dns:localhost,ip:127.0.0.1}
   */
  static SelfSignedCertificate create(Path dir, String subjectAltNames) throws Exception {
    Path keyStore = dir.resolve("server.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "redis",
        "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=querylens-test", "-ext", "san=" + subjectAltNames,
        "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
        "-storepass", new String(STORE_PASSWORD), "-keypass", new String(STORE_PASSWORD))
        .redirectErrorStream(true)
        .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException("keytool failed: " + output);
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, STORE_PASSWORD);
    }
    PrivateKey key = (PrivateKey) store.getKey("redis", STORE_PASSWORD);
    X509Certificate certificate = (X509Certificate) store.getCertificate("redis");
    Path certificatePem = dir.resolve("server.crt");
    Path privateKeyPem = dir.resolve("server.key");
    Files.writeString(certificatePem, pem("CERTIFICATE", certificate.getEncoded()));
    // PKCS#8, which OpenSSL reads for any key type.
    Files.writeString(privateKeyPem, pem("PRIVATE KEY", key.getEncoded()));
    return new SelfSignedCertificate(certificatePem, privateKeyPem, certificate);
  }

  /** A client socket factory that trusts this certificate and nothing else. */
  SSLSocketFactory trustingSocketFactory() throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("redis", certificate);
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context.getSocketFactory();
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
