package io.querylens.demo.recipe;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The server-rendered cookbook page, like the cached view of the Django caching tutorial this demo answers: it reads
 * the recipes through the agent's cache ({@link RecipeService#listCached()}), so a warm page runs no SQL at all, and
 * the first one after a write runs one statement.
 */
@RestController
class CookbookController {

  private final RecipeService service;

  CookbookController(RecipeService service) {
    this.service = service;
  }

  @GetMapping(path = "/cookbook", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
  String cookbook() {
    return CookbookPage.render(service.listCached());
  }
}
