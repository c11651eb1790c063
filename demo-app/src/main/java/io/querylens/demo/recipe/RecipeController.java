package io.querylens.demo.recipe;

import io.querylens.demo.recipe.RecipeDto.IngredientDto;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The cookbook's JSON API. Errors are RFC 9457 problem details ({@link ApiProblems}): 400 for a body that is not valid
 * (each field's problem in {@code errors}), 404 for an unknown recipe, 409 for a recipe name already taken.
 */
@RestController
@RequestMapping("/api/recipes")
class RecipeController {

  private final RecipeService service;
  private final RecipeEditor editor;

  RecipeController(RecipeService service, RecipeEditor editor) {
    this.service = service;
    this.editor = editor;
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

  /** The same JSON as {@link #list()}, from the agent's Redis cache when it is attached (one query on a miss). */
  @GetMapping("/cached")
  List<RecipeDto> listCached() {
    return service.listCached();
  }

  /** Every recipe's id and name, from the agent's cache when it is attached; depends on the recipe table only. */
  @GetMapping("/names/cached")
  List<RecipeName> listNamesCached() {
    return service.listNamesCached();
  }

  /** One recipe, or 404. */
  @GetMapping("/{id}")
  ResponseEntity<RecipeDto> get(@PathVariable long id) {
    return ResponseEntity.of(service.find(id));
  }

  /** Adds a recipe (no ingredients yet): 201 with the recipe and its {@code Location}. */
  @PostMapping
  ResponseEntity<RecipeDto> add(@Valid @RequestBody NewRecipe recipe) {
    RecipeDto added = editor.addRecipe(recipe);
    return ResponseEntity.created(URI.create("/api/recipes/" + added.id())).body(added);
  }

  /** Adds an ingredient to a recipe: 201 with the ingredient as the recipe now lists it. */
  @PostMapping("/{id}/ingredients")
  @ResponseStatus(HttpStatus.CREATED)
  IngredientDto addIngredient(@PathVariable long id, @Valid @RequestBody NewIngredient ingredient) {
    return editor.addIngredient(id, ingredient);
  }
}
