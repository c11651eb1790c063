package io.querylens.agent.cache.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisMovedDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.params.SetParams;
import redis.clients.jedis.providers.ClusterConnectionProvider;
import redis.clients.jedis.providers.SentineledConnectionProvider;
import redis.clients.jedis.util.JedisClusterCRC16;
import redis.clients.jedis.util.Pool;

/**
 * The cache's storage: entries, locks and Lua scripts on one Redis server or a Redis Cluster.
 *
 * <p><b>Contract.</b> Every public method returns or throws {@link StoreUnavailableException}; no Jedis or I/O exception
 * leaves this class, because an application thread is on the other side. Nothing is logged per call: the exception's
 * message says what happened and the caller logs it once. Only a caller's programming error (a null key, a TTL that is
 * not positive, an empty prefix, script keys in several cluster slots) throws {@link IllegalArgumentException} or
 * {@link NullPointerException}, before any network.
 *
 * <p><b>One code path.</b> Both modes go through Jedis's {@link UnifiedJedis}: a {@link JedisPooled} for one server, a
 * {@link JedisCluster} for a cluster, with the same methods on both.
 *
 * <p><b>Never block for long.</b> {@link #connect} touches no network: the pool starts empty, and a cluster's topology
 * is discovered on first use, because {@code JedisCluster}'s constructor contacts the seeds and throws when they are
 * down. One thread discovers at a time; the others fail fast meanwhile instead of queueing behind a connect timeout.
 * Connect and read timeouts are short, and a caller waits at most the socket timeout for a pooled connection
 * (commons-pool's default is to wait forever). A cluster command gets {@value #CLUSTER_MAX_ATTEMPTS} attempts (room for
 * a MOVED and an ASK redirect) and no new attempt once the socket timeout has passed, where Jedis's defaults are five
 * attempts within five socket timeouts. Above all this sits the {@link CircuitBreaker}: after
 * {@code failureThreshold} consecutive failures calls are refused without touching the network, and one probe per open
 * period finds out when Redis is back, so the store recovers by itself.
 *
 * <p><b>Stale connections.</b> After a Redis restart every idle pooled connection is dead, and each would fail one more
 * call, including the probes. So any connection-level failure drops all idle connections; the next caller, usually
 * the probe, opens a fresh one. Idle connections are otherwise checked by commons-pool's evictor thread every 30 s
 * (Jedis's defaults), not on borrow, which would add a PING round trip to every call.
 *
 * <p><b>Pool.</b> At most {@code poolSize} connections per server, none kept open at start, JMX off: commons-pool would
 * otherwise register an MBean per pool in the application's platform MBean server.
 *
 * <p><b>TLS.</b> {@code rediss://} trusts what the JVM trusts (its default trust store, {@code javax.net.ssl.trustStore})
 * and, unlike Jedis's default, checks that the certificate names the host that was dialled.
 *
 * <p>Thread-safe; one instance serves the whole agent.
 */
public final class RedisCacheStore implements AutoCloseable {
  /** Attempts per cluster command: a MOVED redirect, an ASK redirect, and the call itself. */
  static final int CLUSTER_MAX_ATTEMPTS = 3;

  private static final int MAX_CACHED_SCRIPTS = 256;

  /**
   * How long {@link #evalPatiently} waits for a reply: longer than Redis usually refuses writes (a {@code FAILOVER}
   * pauses them for its timeout, 10 s at most unless told otherwise), short enough to reconnect to a server that
   * died meanwhile.
   */
  static final Duration PATIENCE = Duration.ofSeconds(15);

  private static final StoreUnavailableException DISCOVERING = new StoreUnavailableException(
      "cluster discovery in progress: another thread is contacting the seed nodes", null);
  private static final StoreUnavailableException ASKING_SENTINELS = new StoreUnavailableException(
      "master discovery in progress: another thread is asking the Sentinels", null);

  private final boolean cluster;
  /** The master name the Sentinels monitor, or null when not in sentinel mode. */
  private final String sentinelMaster;
  private final Set<HostAndPort> sentinels;
  private final JedisClientConfig sentinelConfig;
  private final String description;
  private final Duration socketTimeout;
  private final CircuitBreaker breaker;
  private final RedisHealth health;
  private final JedisClientConfig clientConfig;
  /** As {@link #clientConfig}, with a read timeout of {@link #PATIENCE}: for {@link #evalPatiently}. */
  private final JedisClientConfig patientConfig;
  /** The server in standalone mode, for {@link #evalPatiently}; null in cluster and sentinel mode. */
  private final HostAndPort server;
  private final ConnectionPoolConfig poolConfig;
  private final Set<HostAndPort> clusterSeeds;
  private final CommandObjects commands = new CommandObjects();
  private final ServerRuns runs;
  private final Map<String, byte[]> scriptShas = new ConcurrentHashMap<>();
  private final String lockTokenPrefix = UUID.randomUUID() + ":";
  private final AtomicLong lockTokens = new AtomicLong();
  /** Guards cluster discovery and close, so that a client being built is never left open by a racing close. */
  private final ReentrantLock lifecycle = new ReentrantLock();

  /** The standalone server's pool, or null in cluster and sentinel mode. */
  private final Pool<Connection> standalonePool;

  /**
   * Set at construction for one server; for a cluster, once its topology has been discovered; with Sentinel, once a
   * Sentinel has named the master.
   */
  private volatile UnifiedJedis client;
  /** The cluster's topology and per-node pools once discovered, else null. */
  private volatile ClusterConnectionProvider clusterProvider;
  /** The current master's pool, kept current by the Sentinels' failover messages; null until discovered. */
  private volatile SentineledConnectionProvider sentinelProvider;
  private volatile boolean closed;

  private RedisCacheStore(RedisSettings settings, SSLSocketFactory sslSocketFactory, Logger log) {
    this.cluster = settings.clusterMode();
    this.sentinelMaster = settings.sentinelMaster();
    this.socketTimeout = settings.socketTimeout();
    RedisUrl url = settings.url() == null || settings.url().isBlank() ? null : RedisUrl.parse(settings.url());
    this.clientConfig = clientConfig(settings, settings.socketTimeout(), url, sslSocketFactory);
    this.patientConfig = clientConfig(settings, PATIENCE, url, sslSocketFactory);
    this.poolConfig = poolConfig(settings);
    this.breaker = new CircuitBreaker(settings.failureThreshold(), settings.openDuration());
    this.sentinels = new LinkedHashSet<>();
    for (String node : settings.sentinelNodes()) {
      sentinels.add(RedisUrl.parseNode(node));
    }
    this.sentinelConfig = sentinelConfig(settings, url, sslSocketFactory);
    if (cluster) {
      Set<HostAndPort> seeds = new LinkedHashSet<>();
      for (String node : settings.clusterNodes()) {
        seeds.add(RedisUrl.parseNode(node));
      }
      this.clusterSeeds = seeds;
      this.standalonePool = null;
      this.server = null;
    } else if (sentinelMaster != null) {
      this.server = null;
      this.clusterSeeds = Set.of();
      this.standalonePool = null;
    } else {
      this.server = new HostAndPort(url.host(), url.port());
      JedisPooled pooled = JedisPooled.builder()
          .hostAndPort(server)
          .clientConfig(clientConfig)
          .poolConfig(poolConfig)
          .build();
      this.clusterSeeds = Set.of();
      this.standalonePool = pooled.getPool();
      this.client = pooled;
    }
    this.description = describe(settings);
    this.health = log == null ? RedisHealth.silent(description) : new RedisHealth(description, log);
    this.runs = new ServerRuns(commands, health, cluster);
  }

  /**
   * How a store for these settings names its Redis in log lines, reports and the MBean, never with credentials:
   * {@code redis://host:port/db}, {@code cluster h1:p1,h2:p2}, {@code sentinel master 'm' via h1:p1}, each with
   * {@code (TLS)} when it applies. Builds no client, so the start-up line can say it before any Redis is needed.
   */
  public static String describe(RedisSettings settings) {
    RedisUrl url = settings.url() == null || settings.url().isBlank() ? null : RedisUrl.parse(settings.url());
    String tls = url != null && url.tls() ? " (TLS)" : "";
    if (settings.clusterMode()) {
      return "cluster " + nodes(settings.clusterNodes()) + tls;
    }
    if (settings.sentinelMaster() != null) {
      return "sentinel master '" + settings.sentinelMaster() + "' via " + nodes(settings.sentinelNodes()) + tls;
    }
    return url.redacted();
  }

  private static String nodes(List<String> nodes) {
    return nodes.stream().map(RedisUrl::parseNode)
        .map(node -> RedisUrl.hostAndPort(node.getHost(), node.getPort()))
        .collect(Collectors.joining(","));
  }

  /**
   * Prepares a client for the Redis the settings name, without connecting: a Redis that is down now is no reason to
   * fail here, and calls succeed as soon as it is up.
   */
  public static RedisCacheStore connect(RedisSettings settings) {
    return connect(settings, (SSLSocketFactory) null);
  }

  /** As {@link #connect(RedisSettings)}, saying each change of Redis's usability in one line to {@code log}. */
  public static RedisCacheStore connect(RedisSettings settings, Logger log) {
    return new RedisCacheStore(Objects.requireNonNull(settings, "settings"), null, Objects.requireNonNull(log));
  }

  /**
   * As {@link #connect(RedisSettings)}, trusting what {@code sslSocketFactory} trusts for {@code rediss://} instead of
   * the JVM's default trust store; for tests with a self-signed certificate.
   */
  static RedisCacheStore connect(RedisSettings settings, SSLSocketFactory sslSocketFactory) {
    return new RedisCacheStore(Objects.requireNonNull(settings, "settings"), sslSocketFactory, null);
  }

  /**
   * {@code SET lockKey token NX PX ttlMillis} with the caller's token.
   *
   * @return whether the lock was acquired
   * @throws StoreUnavailableException when Redis failed or the circuit is open
   */
  public boolean tryLock(String lockKey, String token, long ttlMillis) {
    Objects.requireNonNull(lockKey, "lockKey");
    Objects.requireNonNull(token, "token");
    requirePositiveTtl(ttlMillis);
    return "OK".equals(call(redis -> redis.set(lockKey, token, SetParams.setParams().nx().px(ttlMillis))));
  }

  /**
   * Runs a Lua script: EVALSHA with the script's SHA-1, and EVAL when the server answers NOSCRIPT (after a restart,
   * a failover or SCRIPT FLUSH), which also caches it there again.
   *
   * @return the raw reply: {@code Long} for an integer, {@code byte[]} for a string or status, {@code List<Object>}
   *     for an array, null for nil
   * @throws IllegalArgumentException in cluster mode, if the keys hash to more than one slot (use a hash tag:
   *     {@code {versions}:orders})
   * @throws StoreUnavailableException when Redis failed (a script error included) or the circuit is open
   */
  public Object eval(String script, List<byte[]> keys, List<byte[]> args) {
    Objects.requireNonNull(script, "script");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(args, "args");
    if (cluster && !inOneSlot(keys)) {
      throw new IllegalArgumentException("in cluster mode a script's keys must hash to one slot; give them a "
          + "common hash tag such as {versions}");
    }
    byte[] sha = sha1Hex(script);
    return call(redis -> {
      try {
        return redis.evalsha(sha, keys, args);
      } catch (JedisNoScriptException notCached) {
        return redis.eval(bytes(script), keys, args);
      }
    });
  }

  /**
   * {@code MGET}: the values of {@code keys}, in order, null for an absent key, with the run of the server that
   * answered ({@link ServerRuns}), which is learnt once per connection: one round trip. In cluster mode the keys
   * must hash to one slot, like a script's.
   *
   * @throws IllegalArgumentException in cluster mode, if the keys hash to more than one slot
   * @throws StoreUnavailableException when Redis failed or the circuit is open
   */
  public Answer<List<byte[]>> mget(List<byte[]> keys) {
    Objects.requireNonNull(keys, "keys");
    if (cluster && !inOneSlot(keys)) {
      throw new IllegalArgumentException("in cluster mode MGET's keys must hash to one slot");
    }
    CommandObject<List<byte[]>> command = commands.mget(keys.toArray(new byte[0][]));
    byte[] slotKey = keys.isEmpty() ? null : keys.get(0);
    if (cluster && slotKey == null) {
      throw new IllegalArgumentException("in cluster mode MGET needs a key to pick its node");
    }
    return call(redis -> onOneConnection(slotKey, command, null));
  }

  /** As {@link #eval}, with the run of the server that answered ({@link ServerRuns}). */
  public Answer<Object> evalAnswered(String script, List<byte[]> keys, List<byte[]> args) {
    Objects.requireNonNull(script, "script");
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(args, "args");
    if (cluster && !inOneSlot(keys)) {
      throw new IllegalArgumentException("in cluster mode a script's keys must hash to one slot; give them a "
          + "common hash tag such as {versions}");
    }
    CommandObject<Object> evalsha = commands.evalsha(sha1Hex(script), keys, args);
    CommandObject<Object> eval = commands.eval(bytes(script), keys, args);
    byte[] slotKey = keys.isEmpty() ? null : keys.get(0);
    if (cluster && slotKey == null) {
      throw new IllegalArgumentException("in cluster mode a script needs a key to pick its node");
    }
    return call(redis -> onOneConnection(slotKey, evalsha, eval));
  }

  /**
   * Runs {@code command} on a connection borrowed here rather than inside Jedis, so that the run of the server that
   * answered is known; on a cluster, on the master of {@code slotKey}'s slot (every key's). {@code ifNoScript}, if
   * given, runs on the same connection when the server answers NOSCRIPT. On a cluster, a MOVED reply (slots moved
   * since the topology was read) refreshes the topology and tries once more.
   */
  private <T> Answer<T> onOneConnection(byte[] slotKey, CommandObject<T> command, CommandObject<T> ifNoScript) {
    for (int attempt = 1; ; attempt++) {
      ClusterConnectionProvider provider = clusterProvider;
      SentineledConnectionProvider viaSentinels = sentinelProvider;
      try (Connection connection = provider != null ? provider.getConnectionFromSlot(JedisClusterCRC16.getSlot(slotKey))
          : viaSentinels != null ? viaSentinels.getConnection() : standalonePool.getResource()) {
        String run = runs.of(connection);
        T value;
        try {
          value = connection.executeCommand(command);
        } catch (JedisNoScriptException notCached) {
          if (ifNoScript == null) {
            throw notCached;
          }
          value = connection.executeCommand(ifNoScript);
        }
        return new Answer<>(value, run);
      } catch (JedisMovedDataException moved) {
        if (provider == null || attempt >= CLUSTER_MAX_ATTEMPTS - 1) {
          throw moved;
        }
        provider.renewSlotCache();
      }
    }
  }

  /**
   * Runs a script on a connection of its own that waits up to {@link #PATIENCE} for the reply, outside the pool and
   * the circuit breaker: for work that must land as soon as Redis accepts it, on a background thread, never on the
   * application's. A server that refuses writes for a while ({@code CLIENT PAUSE WRITE}, which a {@code FAILOVER}
   * does) queues the command and runs it the instant writes resume, where a call with the usual timeout would have
   * given up and lost its place in the queue. A server that is down fails it at once.
   *
   * @throws StoreUnavailableException when Redis failed, did not answer in time, or the store is closed
   */
  public Object evalPatiently(String script, List<byte[]> keys, List<byte[]> args) {
    Objects.requireNonNull(script, "script");
    if (cluster && (keys.isEmpty() || !inOneSlot(keys))) {
      throw new IllegalArgumentException("in cluster mode a script's keys must hash to one slot");
    }
    if (closed) {
      throw StoreUnavailableException.closed();
    }
    try {
      HostAndPort node = server;
      if (node == null) {
        client(); // discovers the cluster or the master first
        SentineledConnectionProvider viaSentinels = sentinelProvider;
        node = viaSentinels != null ? viaSentinels.getCurrentMaster()
            : clusterProvider.getNode(JedisClusterCRC16.getSlot(keys.get(0)));
      }
      Object reply;
      try (Connection connection = new Connection(node, patientConfig)) {
        try {
          reply = connection.executeCommand(commands.evalsha(sha1Hex(script), keys, args));
        } catch (JedisNoScriptException notCached) {
          reply = connection.executeCommand(commands.eval(bytes(script), keys, args));
        }
      }
      if (health.isDown()) {
        health.answeredAgain();
      }
      return reply;
    } catch (StoreUnavailableException ours) {
      throw ours;
    } catch (RuntimeException failure) {
      throw StoreUnavailableException.because(failure);
    }
  }

  /**
   * {@code INFO server} of the server, or of one master of the cluster (discovering it first): for the start-up
   * check, which says in one line whether and where the cache's Redis answers.
   *
   * @throws StoreUnavailableException when Redis failed or the circuit is open; its message names the cause
   */
  public ServerInfo serverInfo() {
    return call(redis -> {
      SentineledConnectionProvider viaSentinels = sentinelProvider;
      if (viaSentinels != null) {
        HostAndPort master = viaSentinels.getCurrentMaster();
        return ServerInfo.parse(redis.info("server"), 0).viaSentinel(sentinelMaster,
            RedisUrl.hostAndPort(master.getHost(), master.getPort()));
      }
      if (!cluster) {
        return ServerInfo.parse(redis.info("server"), 0);
      }
      Map<String, ? extends Pool<Connection>> primaries = clusterProvider.getPrimaryNodes();
      try (Connection connection = primaries.values().iterator().next().getResource()) {
        return ServerInfo.parse(connection.executeCommand(commands.info("server")), primaries.size());
      }
    });
  }

  /** Whether Redis can be used, said once per change; also what the cache tells it about calls and bumps. */
  public RedisHealth health() {
    return health;
  }

  /** Whether this store talks to a Redis Cluster, where one command or script reaches one slot only. */
  public boolean clusterMode() {
    return cluster;
  }

  /** A lock token unique to this JVM's store and cheap to make: a random prefix and a counter. */
  public String newLockToken() {
    return lockTokenPrefix + lockTokens.incrementAndGet();
  }

  /** The circuit breaker's state: {@code closed}, {@code open} or {@code half-open}. */
  public String circuitState() {
    return breaker.stateName();
  }

  /** Whether {@link #close} was called: nothing will reach Redis through this store any more. */
  public boolean isClosed() {
    return closed;
  }

  /** Whether the circuit is open (or half-open), that is whether calls are being refused; for reports and tests. */
  public boolean isOpen() {
    return breaker.isOpen();
  }

  /** {@code redis://host:port[/db]}, {@code rediss://...} or {@code cluster host:port,...}, never with credentials. */
  public String describe() {
    return description;
  }

  @Override
  public String toString() {
    return "RedisCacheStore[" + description + ", circuit " + breaker + "]";
  }

  /** Closes every connection; later calls throw {@link StoreUnavailableException}. Idempotent. */
  @Override
  public void close() {
    lifecycle.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      UnifiedJedis redis = client;
      if (redis != null) {
        redis.close();
      }
    } catch (RuntimeException e) {
      // Closing sockets that are already dead can fail; there is nothing more to release.
    } finally {
      lifecycle.unlock();
    }
  }

  /** A call to Redis, given the client to make it with. */
  @FunctionalInterface
  interface RedisCall<T> {
    T on(UnifiedJedis redis);
  }

  /**
   * Runs one call under the circuit breaker and turns whatever goes wrong into a {@link StoreUnavailableException}.
   * Every admitted call reports back to the breaker, even when an {@link Error} escapes, or a probe could be lost.
   */
  <T> T call(RedisCall<T> call) {
    if (closed) {
      throw StoreUnavailableException.closed();
    }
    CircuitBreaker.Admission admission = breaker.tryAcquire();
    if (admission == CircuitBreaker.Admission.REFUSED) {
      throw StoreUnavailableException.circuitOpen();
    }
    boolean reported = false;
    try {
      T result = call.on(client());
      breaker.onSuccess(admission);
      reported = true;
      if (health.isDown()) {
        health.answeredAgain();
      }
      return result;
    } catch (StoreUnavailableException ours) {
      // Closed, or another thread is discovering the cluster: nothing was learnt about Redis.
      breaker.release(admission);
      reported = true;
      throw ours;
    } catch (RuntimeException failure) {
      reported = true;
      throw failed(admission, failure);
    } finally {
      if (!reported) {
        breaker.onFailure(admission);
      }
    }
  }

  private StoreUnavailableException failed(CircuitBreaker.Admission admission, RuntimeException failure) {
    if (closed) {
      breaker.release(admission);
      return StoreUnavailableException.closed();
    }
    List<Throwable> causes = StoreUnavailableException.causesOf(failure);
    if (StoreUnavailableException.first(causes, InterruptedException.class) != null) {
      // Interrupted while waiting for a pooled connection: the application's doing, not Redis's.
      Thread.currentThread().interrupt();
      breaker.release(admission);
      return new StoreUnavailableException("interrupted while waiting for a Redis connection", failure);
    }
    if (StoreUnavailableException.first(causes, JedisConnectionException.class) != null) {
      dropIdleConnections();
    }
    boolean wasOpen = breaker.isOpen();
    breaker.onFailure(admission);
    StoreUnavailableException because = StoreUnavailableException.because(failure);
    health.failed(because, !wasOpen && breaker.isOpen());
    return because;
  }

  private UnifiedJedis client() {
    UnifiedJedis redis = client;
    if (redis != null) {
      return redis;
    }
    return sentinelMaster != null ? discover(ASKING_SENTINELS, this::askSentinels) : discover(DISCOVERING,
        this::discoverCluster);
  }

  /**
   * Builds the client on first use, where building it contacts Redis: it runs under the breaker like any call, so a
   * Redis that is down costs one attempt per open period, and a second thread arriving meanwhile fails fast with
   * {@code busy} instead of queueing behind a connect timeout.
   */
  private UnifiedJedis discover(StoreUnavailableException busy, Supplier<UnifiedJedis> build) {
    if (!lifecycle.tryLock()) {
      throw busy;
    }
    try {
      if (closed) {
        throw StoreUnavailableException.closed();
      }
      if (client == null) {
        client = build.get();
      }
      return client;
    } finally {
      lifecycle.unlock();
    }
  }

  /**
   * Asks the Sentinels which server is the master and opens its pool; Jedis then follows their failover messages to
   * the promoted master by itself. Jedis's constructor contacts the Sentinels and throws when none answers.
   */
  private UnifiedJedis askSentinels() {
    SentineledConnectionProvider provider = onDaemonThread(() -> new SentineledConnectionProvider(sentinelMaster,
        clientConfig, poolConfig, sentinels, sentinelConfig));
    sentinelProvider = provider;
    return new UnifiedJedis(provider);
  }

  /** Contacts the seeds, learns the slots and opens the cluster client. */
  private UnifiedJedis discoverCluster() {
    ClusterConnectionProvider provider = new ClusterConnectionProvider(clusterSeeds, clientConfig, poolConfig);
    JedisCluster jedisCluster = JedisCluster.builder()
        .nodes(clusterSeeds)
        .clientConfig(clientConfig)
        .poolConfig(poolConfig)
        .connectionProvider(provider)
        .maxAttempts(CLUSTER_MAX_ATTEMPTS)
        .maxTotalRetriesDuration(socketTimeout)
        .build();
    clusterProvider = provider;
    return jedisCluster;
  }

  /**
   * Builds {@code what} on a daemon thread and waits for it. Jedis starts a thread per Sentinel to follow failovers
   * and does not make them daemons, so built on an application thread they would keep the application's JVM from
   * exiting; a thread inherits that flag from the thread that creates it.
   */
  private <T> T onDaemonThread(Supplier<T> what) {
    AtomicReference<Object> result = new AtomicReference<>();
    Thread builder = new Thread(() -> {
      try {
        result.set(what.get());
      } catch (RuntimeException | Error e) {
        result.set(e);
      }
    }, "querylens-sentinel-discovery");
    builder.setDaemon(true);
    builder.start();
    try {
      builder.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while asking the Sentinels for the master", e);
    }
    Object built = result.get();
    if (built instanceof RuntimeException) {
      throw (RuntimeException) built;
    }
    if (built instanceof Error) {
      throw (Error) built;
    }
    @SuppressWarnings("unchecked")
    T typed = (T) built;
    return typed;
  }

  private void dropIdleConnections() {
    try {
      ClusterConnectionProvider provider = clusterProvider;
      SentineledConnectionProvider viaSentinels = sentinelProvider;
      if (provider != null) {
        provider.getNodes().values().forEach(Pool::clear);
      } else if (viaSentinels != null) {
        viaSentinels.getConnectionMap().values().forEach(Pool::clear);
      } else if (standalonePool != null) {
        standalonePool.clear();
      }
    } catch (RuntimeException e) {
      // Best effort: a connection left behind fails once more and is dropped then.
    }
  }

  private static boolean inOneSlot(List<byte[]> keys) {
    for (int i = 1; i < keys.size(); i++) {
      if (JedisClusterCRC16.getSlot(keys.get(i)) != JedisClusterCRC16.getSlot(keys.get(0))) {
        return false;
      }
    }
    return true;
  }

  /** The script's SHA-1 in lower-case hex, as EVALSHA wants it; remembered for the few scripts the cache runs. */
  private byte[] sha1Hex(String script) {
    byte[] sha = scriptShas.get(script);
    if (sha == null) {
      try {
        byte[] digest = MessageDigest.getInstance("SHA-1").digest(bytes(script));
        StringBuilder hex = new StringBuilder(40);
        for (byte b : digest) {
          hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        sha = bytes(hex.toString());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every JDK has SHA-1", e);
      }
      if (scriptShas.size() < MAX_CACHED_SCRIPTS) {
        scriptShas.put(script, sha);
      }
    }
    return sha;
  }

  private static JedisClientConfig clientConfig(RedisSettings settings, Duration socketTimeout, RedisUrl url,
      SSLSocketFactory sslFactory) {
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis((int) settings.connectTimeout().toMillis())
        .socketTimeoutMillis((int) socketTimeout.toMillis())
        // Shows up in CLIENT LIST, so that operators can tell the cache's connections from the application's.
        .clientName("querylens")
        .clientSetInfoConfig(ClientSetInfoConfig.withLibNameSuffix("querylens"));
    if (url != null) {
      config.user(url.user()).password(url.password());
      if (!settings.clusterMode()) {
        config.database(url.database());
      }
      if (url.tls()) {
        SSLParameters parameters = new SSLParameters();
        // Without this a TLS socket checks the certificate chain but not that it was issued for this host.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        config.ssl(true).sslParameters(parameters).sslSocketFactory(sslFactory);
      }
    }
    return config.build();
  }

  /**
   * For the Sentinels themselves: the same timeouts, name and scheme (TLS or not) as the master's connections, but
   * none of the master's credentials or database, which are the data server's, not the Sentinels'.
   */
  private static JedisClientConfig sentinelConfig(RedisSettings settings, RedisUrl url, SSLSocketFactory sslFactory) {
    DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
        .connectionTimeoutMillis((int) settings.connectTimeout().toMillis())
        .socketTimeoutMillis((int) settings.socketTimeout().toMillis())
        .clientName("querylens");
    if (url != null && url.tls()) {
      SSLParameters parameters = new SSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      config.ssl(true).sslParameters(parameters).sslSocketFactory(sslFactory);
    }
    return config.build();
  }

  private static ConnectionPoolConfig poolConfig(RedisSettings settings) {
    ConnectionPoolConfig config = new ConnectionPoolConfig();
    config.setMaxTotal(settings.poolSize());
    config.setMaxIdle(settings.poolSize());
    config.setMinIdle(0);
    config.setBlockWhenExhausted(true);
    config.setMaxWait(settings.socketTimeout());
    config.setTestOnBorrow(false);
    config.setTestOnReturn(false);
    config.setJmxEnabled(false);
    return config;
  }

  private static void requirePositiveTtl(long ttlMillis) {
    if (ttlMillis <= 0) {
      throw new IllegalArgumentException("ttlMillis must be positive, was " + ttlMillis);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
