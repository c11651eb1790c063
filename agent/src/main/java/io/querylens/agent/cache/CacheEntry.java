package io.querylens.agent.cache;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes stored under a key: a one-line text header, then the JSON payload, so that {@code redis-cli GET} shows
 * something a person can read. The header carries the format version, how many queries the method ran when it
 * filled the entry (which a hit reports as the queries it avoided) and the cache's generation when the fill began
 * (the lookup script serves the entry only while that generation is current: see {@link CacheEngine}).
 *
 * <pre>QL1 q=12 g=0
 * [{"id":1,"name":"Classic Teriyaki Sauce",...}]</pre>
 */
final class CacheEntry {
  private static final byte[] MAGIC = "QL1 q=".getBytes(StandardCharsets.US_ASCII);

  final int queries;
  final byte[] payload;

  private CacheEntry(int queries, byte[] payload) {
    this.queries = queries;
    this.payload = payload;
  }

  static byte[] encode(int queries, String generation, byte[] payload) {
    byte[] header = ("QL1 q=" + queries + " g=" + generation + '\n').getBytes(StandardCharsets.US_ASCII);
    byte[] entry = Arrays.copyOf(header, header.length + payload.length);
    System.arraycopy(payload, 0, entry, header.length, payload.length);
    return entry;
  }

  /** @return the entry, or null if the bytes are not an entry of this format (corrupt or foreign) */
  static CacheEntry decode(byte[] bytes) {
    if (bytes == null || bytes.length < MAGIC.length + 2) {
      return null;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        return null;
      }
    }
    int queries = 0;
    int i = MAGIC.length;
    for (; i < bytes.length && bytes[i] != '\n' && bytes[i] != ' '; i++) {
      if (bytes[i] < '0' || bytes[i] > '9' || queries > 100_000_000) {
        return null;
      }
      queries = queries * 10 + (bytes[i] - '0');
    }
    while (i < bytes.length && bytes[i] != '\n') {
      i++; // the generation: the lookup script has checked it already
    }
    if (i >= bytes.length) {
      return null;
    }
    return new CacheEntry(queries, Arrays.copyOfRange(bytes, i + 1, bytes.length));
  }
}
