package io.querylens.demo.recipe;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Renames a food with one hand-written {@code update} through {@link JdbcTemplate}, no JPA and no transaction of its
 * own: the statement runs with autocommit. It is there to show that the agent's invalidation does not depend on the
 * ORM: it sees the {@code update food} at the JDBC level and, once the statement has succeeded, makes every cached
 * result that read {@code food} stale ({@link RecipeRepository#findAllAsDtos()} lists food names), with no cache
 * annotation here.
 */
@Service
public class FoodRenamer {

  static final String RENAME = "update food set name = ? where id = ?";

  private final JdbcTemplate jdbc;

  public FoodRenamer(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Gives food {@code id} the name {@code name}; renaming a food to the name it has is allowed and changes nothing.
   *
   * @return the food as stored now
   * @throws FoodNotFoundException if there is no food {@code id}
   * @throws DuplicateKeyException if another food has that name already (names are unique, see {@code schema.sql})
   */
  public FoodDto rename(long id, String name) {
    int updated;
    try {
      updated = jdbc.update(RENAME, name, id);
    } catch (DuplicateKeyException taken) {
      // The driver's message names the constraint and the SQL; the client only needs to know which name.
      throw new DuplicateKeyException("A food named '" + name + "' already exists.", taken);
    }
    if (updated == 0) {
      throw new FoodNotFoundException(id);
    }
    return new FoodDto(id, name);
  }
}
