package io.querylens.demo.recipe;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The server-rendered cookbook page, like the one in the Django caching tutorial this demo answers. It reads the
 * recipes the naive way, as that tutorial's page does: it is the page a cache is meant to rescue.
 */
@RestController
class CookbookController {

  private final RecipeService service;

  CookbookController(RecipeService service) {
    this.service = service;
  }

  @GetMapping(path = "/cookbook", produces = MediaType.TEXT_HTML_VALUE + ";charset=UTF-8")
  String cookbook() {
    return CookbookPage.render(service.list());
  }
}
