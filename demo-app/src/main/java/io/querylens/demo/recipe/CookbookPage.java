package io.querylens.demo.recipe;

import io.querylens.demo.recipe.RecipeDto.IngredientDto;
import java.util.List;
import org.springframework.web.util.HtmlUtils;

/**
 * Renders the cookbook as one small HTML page. Twenty lines of markup do not justify a template engine; every value
 * from the database goes through {@link #text} so a recipe named {@code <script>} stays text.
 */
final class CookbookPage {

  private CookbookPage() {}

  static String render(List<RecipeDto> recipes) {
    StringBuilder html = new StringBuilder(256 + recipes.size() * 512);
    html.append("<!DOCTYPE html>\n")
        .append("<html lang=\"en\">\n")
        .append("<head>\n<meta charset=\"utf-8\">\n<title>Recipes</title>\n</head>\n")
        .append("<body>\n<h1>Recipes</h1>\n");
    for (RecipeDto recipe : recipes) {
      html.append("<section id=\"recipe-").append(recipe.id()).append("\">\n")
          .append("<h2>").append(text(recipe.name())).append("</h2>\n")
          .append("<p>").append(text(recipe.description())).append("</p>\n")
          .append("<h3>Ingredients</h3>\n<ul>\n");
      for (IngredientDto ingredient : recipe.ingredients()) {
        html.append("<li>")
            .append(ingredient.amount().stripTrailingZeros().toPlainString()).append(' ')
            .append(text(ingredient.unit())).append(' ')
            .append(text(ingredient.food()))
            .append("</li>\n");
      }
      html.append("</ul>\n")
          .append("<h3>Instructions</h3>\n")
          .append("<p>").append(text(recipe.instructions())).append("</p>\n")
          .append("</section>\n");
    }
    return html.append("</body>\n</html>\n").toString();
  }

  private static String text(String value) {
    return HtmlUtils.htmlEscape(value, "UTF-8");
  }
}
