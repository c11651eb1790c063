package io.querylens.agent.cache.store;

import java.util.List;

/** STUB until the store lands. */
public final class RedisCacheStore implements AutoCloseable {
  public static RedisCacheStore connect(RedisSettings settings) {
    return new RedisCacheStore();
  }

  public byte[] get(byte[] key) {
    throw new StoreUnavailableException("stub");
  }

  public void set(byte[] key, byte[] value, long ttlMillis) {}

  public long delete(byte[]... keys) {
    return 0;
  }

  public long deleteByPrefix(String prefix) {
    return 0;
  }

  public String tryLock(String lockKey, long ttlMillis) {
    return null;
  }

  public void unlock(String lockKey, String token) {}

  public Object eval(String script, List<byte[]> keys, List<byte[]> args) {
    return null;
  }

  public boolean isOpen() {
    return false;
  }

  public String describe() {
    return "stub";
  }

  @Override
  public void close() {}
}
