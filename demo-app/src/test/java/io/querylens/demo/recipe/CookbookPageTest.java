package io.querylens.demo.recipe;

import static org.assertj.core.api.Assertions.assertThat;

import io.querylens.demo.recipe.RecipeDto.IngredientDto;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class CookbookPageTest {

  @Test
  void escapesEveryValueFromTheDatabase() {
    RecipeDto recipe = new RecipeDto(
        7,
        "<script>alert(1)</script>",
        "Salt & \"pepper\"",
        "Mix 'em < 5 min",
        List.of(new IngredientDto("<b>salt</b>", new BigDecimal("0.50"), "p&nch")));

    String html = CookbookPage.render(List.of(recipe));

    assertThat(html)
        .contains("<h2>&lt;script&gt;alert(1)&lt;/script&gt;</h2>")
        .contains("<p>Salt &amp; &quot;pepper&quot;</p>")
        .contains("<p>Mix &#39;em &lt; 5 min</p>")
        .contains("<li>0.5 p&amp;nch &lt;b&gt;salt&lt;/b&gt;</li>")
        .doesNotContain("<script>")
        .doesNotContain("<b>");
  }

  @Test
  void rendersAPageWithNoRecipes() {
    assertThat(CookbookPage.render(List.of())).contains("<h1>Recipes</h1>").endsWith("</html>\n");
  }
}
