package io.querylens.agent.cache.store;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import javax.net.ssl.SSLException;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisClusterOperationException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Redis could not answer: it failed, it is too slow, the credentials are wrong, or the circuit is open and the call was
 * not even tried. The cache treats every one of these as a miss and runs the method; the message says which it was,
 * for the caller's single log line.
 *
 * <p>Cheap by design, as it is thrown on the fail-fast path while Redis is down: no stack trace is captured (the
 * message and the Jedis cause locate the problem, our frames would not) and suppression is disabled, which also makes
 * the shared circuit-open instance safe to throw from many threads at once.
 */
public final class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private static final StoreUnavailableException CIRCUIT_OPEN = new StoreUnavailableException(
      "circuit open: Redis failed repeatedly, calls are skipped until a probe succeeds", null);
  private static final StoreUnavailableException CLOSED =
      new StoreUnavailableException("store closed: the Redis client was shut down", null);

  StoreUnavailableException(String message, Throwable cause) {
    super(message, cause, false, false);
  }

  /** The call was refused by the circuit breaker without touching the network. */
  static StoreUnavailableException circuitOpen() {
    return CIRCUIT_OPEN;
  }

  static StoreUnavailableException closed() {
    return CLOSED;
  }

  /**
   * Names what went wrong, most specific first: authentication or ACL permission, TLS, timeout, refused connection, unknown host, an
   * exhausted pool, a broken connection, the cluster, an error reply. Jedis buries the real cause (a refused connect
   * sits in the suppressed list of "Failed to connect to host:port", a dead node in that of "No more cluster attempts
   * left"), so the whole tree of causes and suppressed exceptions is searched.
   */
  static StoreUnavailableException because(Throwable failure) {
    List<Throwable> all = causesOf(failure);
    for (Throwable t : all) {
      String message = String.valueOf(t.getMessage());
      if (t instanceof JedisAccessControlException || message.startsWith("WRONGPASS") || message.startsWith("NOAUTH")
          || message.startsWith("NOPERM")) {
        return new StoreUnavailableException("auth failed: " + message, failure);
      }
    }
    Throwable found;
    if ((found = first(all, SSLException.class)) != null) {
      return new StoreUnavailableException("TLS failed: " + detail(found, failure), failure);
    }
    if ((found = first(all, SocketTimeoutException.class)) != null) {
      return new StoreUnavailableException("timeout: " + detail(found, failure), failure);
    }
    if ((found = first(all, ConnectException.class)) != null) {
      return new StoreUnavailableException("connection refused: " + detail(found, failure), failure);
    }
    if ((found = first(all, UnknownHostException.class)) != null) {
      return new StoreUnavailableException("unknown host: " + detail(found, failure), failure);
    }
    if ((found = first(all, NoSuchElementException.class)) != null) {
      return new StoreUnavailableException("connection pool exhausted: no connection became free within the socket "
          + "timeout (" + found.getMessage() + ")", failure);
    }
    if ((found = first(all, JedisConnectionException.class)) != null) {
      return new StoreUnavailableException("connection failed: " + detail(found, failure), failure);
    }
    if ((found = first(all, JedisClusterOperationException.class)) != null) {
      return new StoreUnavailableException("cluster unavailable: " + detail(found, failure), failure);
    }
    if ((found = first(all, JedisDataException.class)) != null) {
      return new StoreUnavailableException("Redis replied with an error: " + found.getMessage(), failure);
    }
    return new StoreUnavailableException("Redis call failed: " + failure, failure);
  }

  /** The failure, its causes and everything suppressed along the way, breadth first, each once. */
  static List<Throwable> causesOf(Throwable failure) {
    List<Throwable> all = new ArrayList<>();
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    ArrayDeque<Throwable> queue = new ArrayDeque<>();
    queue.add(failure);
    while (!queue.isEmpty() && all.size() < 32) {
      Throwable t = queue.poll();
      if (!seen.add(t)) {
        continue;
      }
      all.add(t);
      if (t.getCause() != null) {
        queue.add(t.getCause());
      }
      Collections.addAll(queue, t.getSuppressed());
    }
    return all;
  }

  static Throwable first(List<Throwable> all, Class<? extends Throwable> type) {
    for (Throwable t : all) {
      if (type.isInstance(t)) {
        return t;
      }
    }
    return null;
  }

  /** The specific message, then Jedis's outer one when it adds something (it usually names the node). */
  private static String detail(Throwable specific, Throwable outer) {
    String message = String.valueOf(specific.getMessage());
    String context = outer.getMessage();
    boolean redundant = specific == outer || context == null || context.contains(message) || message.contains(context);
    return redundant ? message : message + " (" + context + ")";
  }

  /** Whether this call was refused by the open circuit, rather than tried and failed. */
  public boolean isCircuitOpen() {
    return this == CIRCUIT_OPEN;
  }
}
