package com.example.recipes;

import io.querylens.annotations.CacheEvict;
import io.querylens.annotations.Cached;
import java.util.List;
import java.util.Optional;

/**
 * An application's repositories, outside the agent's packages (whose interfaces the annotation reader skips):
 * annotations on a generic super-interface and on the interface a JDK proxy implements.
 */
public final class RecipeRepositories {
  private RecipeRepositories() {}

  public interface Repository<T, ID> {
    @Cached(name = "byId", ttl = "90s", cacheNulls = true)
    Optional<T> findById(ID id);
  }

  public interface Recipes extends Repository<String, Long> {
    @Cached
    List<String> byTitle(String title);

    @CacheEvict({"byId", "titles"})
    void save(String recipe);
  }

  /** What a JDK proxy of {@code Recipes} declares: the methods, without annotations of its own. */
  public abstract static class ProxyLike implements Recipes {
    @Override
    public List<String> byTitle(String title) {
      return List.of();
    }

    @Override
    public void save(String recipe) {}

    @Override
    public Optional<String> findById(Long id) {
      return Optional.empty();
    }
  }
}
