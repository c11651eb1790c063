package io.querylens.demo.recipe;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Foods; the seeder and {@code RecipeEditor} (which creates a food the first time an ingredient names it) use them. */
public interface FoodRepository extends JpaRepository<Food, Long> {

  Optional<Food> findByName(String name);
}
