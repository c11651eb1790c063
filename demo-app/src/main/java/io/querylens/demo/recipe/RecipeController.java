package io.querylens.demo.recipe;

import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The cookbook's JSON API. */
@RestController
@RequestMapping("/api/recipes")
class RecipeController {

  private final RecipeService service;

  RecipeController(RecipeService service) {
    this.service = service;
  }

  /** Every recipe, loaded naively: the N+1 the agent should report. */
  @GetMapping
  List<RecipeDto> list() {
    return service.list();
  }

  /** The same JSON as {@link #list()}, from a single fetch-join query. */
  @GetMapping("/fetch-join")
  List<RecipeDto> listWithFetchJoin() {
    return service.listWithFetchJoin();
  }

  /** One recipe, or 404. */
  @GetMapping("/{id}")
  ResponseEntity<RecipeDto> get(@PathVariable long id) {
    return ResponseEntity.of(service.find(id));
  }
}
