package io.querylens.agent.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class UnreadableEntriesTest {
  private final List<String> lines = new ArrayList<>();
  private final AtomicLong now = new AtomicLong();
  private final UnreadableEntries entries = new UnreadableEntries(lines::add, now::get);

  @Test
  void theFirstIsSaidWithItsCauseThenAtMostOneCountAMinutePerCache() {
    entries.replaced("recipes", "not a QueryLens entry of this version");
    entries.replaced("recipes", "truncated");
    entries.replaced("recipes", "truncated");
    entries.replaced("foods", "truncated");
    assertEquals(List.of(
        "cache recipes: an entry could not be read and is treated as a miss, then overwritten: not a QueryLens entry "
            + "of this version (further ones are counted, at most one line a minute)",
        "cache foods: an entry could not be read and is treated as a miss, then overwritten: truncated (further ones "
            + "are counted, at most one line a minute)"), lines);

    now.addAndGet(TimeUnit.SECONDS.toNanos(61));
    entries.replaced("recipes", "Unexpected end-of-input");
    assertEquals("cache recipes: 3 more unreadable entries were treated as misses and overwritten in the last 61 s; "
        + "the latest: Unexpected end-of-input", lines.get(2));

    entries.replaced("recipes", "truncated");
    assertEquals(3, lines.size(), "within the minute after a line, only counted");
  }
}
