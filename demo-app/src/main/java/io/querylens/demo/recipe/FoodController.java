package io.querylens.demo.recipe;

import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Foods over JSON: renaming one. Errors are problem details ({@link ApiProblems}). */
@RestController
@RequestMapping("/api/foods")
class FoodController {

  private final FoodRenamer renamer;

  FoodController(FoodRenamer renamer) {
    this.renamer = renamer;
  }

  /** Renames a food: 200 with the food; 400, 404 or 409 as problem details. */
  @PutMapping("/{id}")
  FoodDto rename(@PathVariable long id, @Valid @RequestBody FoodRename rename) {
    return renamer.rename(id, rename.name());
  }
}
