package io.querylens.agent.cache;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The bytes stored under a key: a one-line text header, then the JSON payload, so that {@code redis-cli GET} shows
 * something a person can read. The header carries the format version, how many queries the method ran when it
 * filled the entry (which a hit reports as the queries it avoided), the cache's generation when the fill began
 * (served only while that generation is current) and, with automatic invalidation, the tables the method read with
 * their versions from before it ran (served only while every one is unchanged: see {@link CacheEngine}).
 *
 * <pre>QL2 q=12 g=0 t=*:0,food:3,ingredient:7,recipe:2
 * [{"id":1,"name":"Classic Teriyaki Sauce",...}]</pre>
 *
 * <p>Table names are percent-encoded where they hold a separator ({@code % , : space}, line breaks).
 *
 * <p>A tracked entry always names {@code *}, on which every entry depends, so {@code t=} is there even for a method
 * that read no table ({@code t=*:0}): an entry without it was stored by a JVM that did not track the method's
 * tables, which a JVM that does must not trust (see {@link #tracked}).
 */
final class CacheEntry {
  private static final byte[] MAGIC = "QL2 q=".getBytes(StandardCharsets.US_ASCII);
  private static final String[] NONE = new String[0];

  final int queries;
  final String generation;
  /** Tables and the versions the entry was filled under, in parallel; empty without invalidation. */
  final String[] tables;
  final String[] versions;
  /** Where the payload starts in the stored bytes; it runs to their end. */
  final int payloadOffset;

  private CacheEntry(int queries, String generation, String[] tables, String[] versions, int payloadOffset) {
    this.queries = queries;
    this.generation = generation;
    this.tables = tables;
    this.versions = versions;
    this.payloadOffset = payloadOffset;
  }

  /**
   * Whether the entry was stored with the tables its method read. Without them no write can make it stale, so a JVM
   * that tracks the method treats it as a miss; entries from before {@code *} was always recorded end that way too.
   */
  boolean tracked() {
    return tables.length > 0;
  }

  /**
   * The header line, newline included; the payload follows it in the same buffer ({@code CacheCodec.encode}).
   *
   * @param tableVersions table to version, {@code *} included; empty for a method without automatic invalidation
   */
  static byte[] header(int queries, String generation, Map<String, String> tableVersions) {
    StringBuilder header = new StringBuilder(64).append("QL2 q=").append(queries).append(" g=").append(generation);
    if (!tableVersions.isEmpty()) {
      header.append(" t=");
      boolean first = true;
      for (Map.Entry<String, String> table : tableVersions.entrySet()) {
        if (!first) {
          header.append(',');
        }
        first = false;
        escape(table.getKey(), header);
        header.append(':').append(table.getValue());
      }
    }
    return header.append('\n').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** @return the entry, or null if the bytes are not an entry of this format (corrupt, foreign or older) */
  static CacheEntry decode(byte[] bytes) {
    if (bytes == null || bytes.length < MAGIC.length + 2) {
      return null;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (bytes[i] != MAGIC[i]) {
        return null;
      }
    }
    int end = MAGIC.length;
    while (end < bytes.length && bytes[end] != '\n') {
      end++;
    }
    if (end >= bytes.length || end - MAGIC.length > 1_000_000) {
      return null;
    }
    String[] fields = new String(bytes, MAGIC.length, end - MAGIC.length, StandardCharsets.UTF_8).split(" ");
    try {
      int queries = Integer.parseInt(fields[0]);
      if (queries < 0 || fields.length < 2 || !fields[1].startsWith("g=")) {
        return null;
      }
      String generation = fields[1].substring(2);
      String[] tables = NONE;
      String[] versions = NONE;
      if (fields.length > 2) {
        if (fields.length > 3 || !fields[2].startsWith("t=")) {
          return null;
        }
        String[] pairs = fields[2].substring(2).split(",");
        tables = new String[pairs.length];
        versions = new String[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
          int colon = pairs[i].lastIndexOf(':');
          if (colon <= 0) {
            return null;
          }
          tables[i] = unescape(pairs[i].substring(0, colon));
          versions[i] = pairs[i].substring(colon + 1);
        }
      }
      return new CacheEntry(queries, generation, tables, versions, end + 1);
    } catch (IllegalArgumentException malformed) {
      return null;
    }
  }

  private static void escape(String table, StringBuilder out) {
    for (int i = 0; i < table.length(); i++) {
      char c = table.charAt(i);
      if (c == '%' || c == ',' || c == ':' || c == ' ' || c == '\n' || c == '\r') {
        out.append('%').append(String.format("%02X", (int) c));
      } else {
        out.append(c);
      }
    }
  }

  private static String unescape(String table) {
    if (table.indexOf('%') < 0) {
      return table;
    }
    StringBuilder out = new StringBuilder(table.length());
    for (int i = 0; i < table.length(); i++) {
      char c = table.charAt(i);
      if (c == '%' && i + 2 < table.length()) {
        out.append((char) Integer.parseInt(table.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
