package io.querylens.demo.recipe;

import org.springframework.data.jpa.repository.JpaRepository;

/** Foods; only the seeder needs them directly. */
public interface FoodRepository extends JpaRepository<Food, Long> {}
