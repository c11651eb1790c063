package io.querylens.it.cache;

import io.querylens.annotations.Cached;
import java.util.List;

/** An interface whose annotation applies to every implementation, JDK proxies included. */
public interface Catalog {
  @Cached(name = "it-interface")
  List<String> names(String prefix);
}
