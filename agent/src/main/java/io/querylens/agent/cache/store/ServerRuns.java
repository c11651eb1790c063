package io.querylens.agent.cache.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.Connection;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Which run of which Redis server each connection talks to, learnt once per connection with {@code INFO}, so that
 * a value read on it can be tied to the data set it came from without a round trip per call.
 *
 * <p><b>Why a run, and why it is enough.</b> Everything the cache trusts (an entry, its cache's generation, the table
 * counters) is data in Redis, and any of it can go back in time together: a restart from an older {@code dump.rdb}
 * or AOF, a restored backup, a replica promoted before it received the last increments. No key can detect that,
 * because a key is restored with the rest (an "epoch" key set with {@code SET NX} comes back with its old value).
 * What cannot be restored is the server process: {@code run_id} is random at every start, and a replica has its own.
 * {@code master_replid} moves on whenever a server is promoted, also without a restart (a demoted master that syncs
 * from another and is promoted again keeps its {@code run_id} but holds the other server's data). So the pair names
 * one uninterrupted history of one data set: within it, counters only grow; across it, nothing is comparable. An
 * entry records the run it was filled under, and is served only when the connection that just read it belongs to
 * that same run: data that went back in time always comes with a new run, under which every older entry is a miss.
 *
 * <p>A socket never changes server, and a restart closes every socket, so the run learnt on a socket stays true while
 * it is open. A Jedis {@link Connection} is not a socket: one whose socket was closed (after an error) opens a new one
 * by itself on its next command, possibly to another server. So the run is learnt again whenever the connection is
 * found closed, and is learnt before the command it vouches for, on the socket that command will use. A server whose
 * ACL refuses {@code INFO} gets a random run per connection: entries are then served only through the connection that
 * filled them, still never across a restart (said once: most lookups are then misses).
 */
final class ServerRuns {
  /** 16 hex digits of a SHA-1: 64 bits, short in an entry's header, and never the same for two runs in practice. */
  private static final int LENGTH = 16;

  /** Servers whose last run is remembered to say when it changes; a cluster has a few, never this many. */
  private static final int MAX_SERVERS = 64;

  private final CommandObjects commands;
  private final RedisHealth health;
  /** Weak keys: the pool destroys connections without telling us; their runs go with them. */
  private final Map<Connection, String> runs = new WeakHashMap<>();
  /**
   * The last run learnt per server, only to log a change once: per address on a cluster, one for the whole store
   * otherwise (a Sentinel failover moves the master to another address, and that is the change to say).
   */
  private final Map<String, String> lastRunByServer = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
      return size() > MAX_SERVERS;
    }
  };
  private volatile boolean infoRefusedSaid;
  private final boolean cluster;

  ServerRuns(CommandObjects commands, RedisHealth health, boolean cluster) {
    this.commands = commands;
    this.health = health;
    this.cluster = cluster;
  }

  /**
   * The run of the server {@code connection} talks to, opening its socket if it was closed: one {@code INFO} the
   * first time on each socket, nothing after. The next command on {@code connection} uses that same socket.
   */
  String of(Connection connection) {
    if (!connection.isConnected()) {
      synchronized (runs) {
        runs.remove(connection);
      }
      connection.connect();
    }
    synchronized (runs) {
      String run = runs.get(connection);
      if (run != null) {
        return run;
      }
    }
    String run = learn(connection);
    String previous;
    synchronized (runs) {
      runs.put(connection, run);
      previous = lastRunByServer.put(cluster ? connection.toString() : "", run);
    }
    if (previous != null && !previous.equals(run)) {
      health.newRun();
    }
    return run;
  }

  private String learn(Connection connection) {
    String info;
    try {
      info = connection.executeCommand(commands.info());
    } catch (JedisDataException refused) {
      return unknownRun("INFO was refused (" + refused.getMessage() + ")");
    }
    String runId = field(info, "run_id");
    if (runId == null) {
      return unknownRun("INFO names no run_id");
    }
    return hash(runId + " " + field(info, "master_replid"));
  }

  /** A run no other connection shares: safe, but entries are then hits only through the connection that filled them. */
  private String unknownRun(String why) {
    if (!infoRefusedSaid) {
      infoRefusedSaid = true;
      health.note("the cache cannot tell Redis restarts apart: " + why + "; entries are trusted only on the"
          + " connection that stored them, so most lookups miss. Allow INFO to the cache's Redis user (ACL: +info)");
    }
    return hash("unknown " + UUID.randomUUID());
  }

  static String field(String info, String name) {
    for (String line : info.split("\r?\n")) {
      if (line.startsWith(name + ":")) {
        return line.substring(name.length() + 1).trim();
      }
    }
    return null;
  }

  private static String hash(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(LENGTH);
      for (int i = 0; i < LENGTH / 2; i++) {
        hex.append(Character.forDigit((digest[i] >> 4) & 0xf, 16)).append(Character.forDigit(digest[i] & 0xf, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }
}
