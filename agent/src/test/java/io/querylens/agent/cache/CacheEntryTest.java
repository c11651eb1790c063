package io.querylens.agent.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheEntryTest {
  private static final byte[] PAYLOAD = "[1,2]\n".getBytes(StandardCharsets.UTF_8);

  @Test
  void headerCarriesQueriesGenerationAndTableVersions() {
    Map<String, String> tables = new LinkedHashMap<>();
    tables.put("*", "0");
    tables.put("food", "3");
    tables.put("recipe", "12");
    byte[] bytes = entry(7, "2", tables, PAYLOAD);

    assertEquals("QL2 q=7 g=2 t=*:0,food:3,recipe:12\n[1,2]\n", new String(bytes, StandardCharsets.UTF_8));
    CacheEntry entry = CacheEntry.decode(bytes);
    assertEquals(7, entry.queries);
    assertEquals("2", entry.generation);
    assertArrayEquals(new String[] {"*", "food", "recipe"}, entry.tables);
    assertArrayEquals(new String[] {"0", "3", "12"}, entry.versions);
    assertEquals("[1,2]\n", new String(bytes, entry.payloadOffset, bytes.length - entry.payloadOffset,
        StandardCharsets.UTF_8));
  }

  @Test
  void withoutInvalidationTheHeaderNamesNoTables() {
    byte[] bytes = entry(0, "0", Map.of(), PAYLOAD);
    assertEquals("QL2 q=0 g=0\n[1,2]\n", new String(bytes, StandardCharsets.UTF_8));
    assertEquals(0, CacheEntry.decode(bytes).tables.length);
  }

  @Test
  void anEntryWithoutTablesWasNotTrackedButOneThatReadNoTableWas() {
    assertFalse(CacheEntry.decode(entry(0, "0", Map.of(), PAYLOAD)).tracked(), "stored with invalidation off");
    CacheEntry readNothing = CacheEntry.decode(entry(0, "0", Map.of("*", "4"), PAYLOAD));
    assertTrue(readNothing.tracked(), "a tracked method that read no table still depends on *");
    assertArrayEquals(new String[] {"*"}, readNothing.tables);
  }

  @Test
  void quotedTableNamesWithSeparatorsSurvive() {
    Map<String, String> tables = Map.of("Order Lines: 2024, %", "5");
    CacheEntry entry = CacheEntry.decode(entry(1, "0", tables, PAYLOAD));
    assertArrayEquals(new String[] {"Order Lines: 2024, %"}, entry.tables);
    assertArrayEquals(new String[] {"5"}, entry.versions);
  }

  @Test
  void foreignOlderOrTruncatedBytesAreNotEntries() {
    assertNull(CacheEntry.decode(null));
    assertNull(CacheEntry.decode("QL1 q=0 g=0\n[]\n".getBytes(StandardCharsets.UTF_8)), "the previous format");
    assertNull(CacheEntry.decode("QL2 q=0 g=0".getBytes(StandardCharsets.UTF_8)), "no end of header");
    assertNull(CacheEntry.decode("QL2 q=x g=0\n[]\n".getBytes(StandardCharsets.UTF_8)));
    assertNull(CacheEntry.decode("QL2 q=1 t=a:1\n[]\n".getBytes(StandardCharsets.UTF_8)), "no generation");
    assertNull(CacheEntry.decode("QL2 q=1 g=0 t=a\n[]\n".getBytes(StandardCharsets.UTF_8)), "no version");
    assertNull(CacheEntry.decode("{\"json\": true}\n".getBytes(StandardCharsets.UTF_8)));
  }

  /** An entry as the engine stores it: the header, then the codec's payload in the same buffer. */
  private static byte[] entry(int queries, String generation, Map<String, String> tables, byte[] payload) {
    byte[] header = CacheEntry.header(queries, generation, tables);
    byte[] entry = Arrays.copyOf(header, header.length + payload.length);
    System.arraycopy(payload, 0, entry, header.length, payload.length);
    return entry;
  }
}
