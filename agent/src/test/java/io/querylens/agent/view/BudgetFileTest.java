package io.querylens.agent.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BudgetFileTest {

  @Test
  void rulesPerEndpointFallBackToTheDefaultOneByOne() throws Exception {
    QueryBudget budget = BudgetFile.parse("budget.properties", List.of(
        "# max queries per request, and whether an N+1 statement is allowed",
        "default.max-queries=20",
        "default.n-plus-one=forbidden",
        "",
        "GET /api/recipes.max-queries = 80",
        "GET\\ /api/recipes.n-plus-one=allowed",
        "! another comment",
        "post /api/recipes/42/ingredients.max-queries=unlimited",
        "GET /api/recipes/{id}.n-plus-one=Allowed"));

    assertEquals(80, budget.maxQueries("GET /api/recipes").orElseThrow().limit());
    assertEquals(5, budget.maxQueries("GET /api/recipes").orElseThrow().line());
    assertEquals("GET /api/recipes.max-queries", budget.maxQueries("GET /api/recipes").orElseThrow().key());
    assertTrue(budget.nPlusOne("GET /api/recipes").orElseThrow().allowed(), "escaped space, as Properties has it");
    assertTrue(budget.maxQueries("POST /api/recipes/{id}/ingredients").orElseThrow().unlimited(),
        "the id in the key is folded, the method upper-cased");
    assertFalse(budget.nPlusOne("POST /api/recipes/{id}/ingredients").orElseThrow().allowed(), "from default");
    assertEquals(20, budget.maxQueries("GET /api/recipes/{id}").orElseThrow().limit(), "from default");
    assertTrue(budget.nPlusOne("GET /api/recipes/{id}").orElseThrow().allowed());
    assertEquals(20, budget.maxQueries("DELETE /anything").orElseThrow().limit());
    assertEquals(2, budget.maxQueries("DELETE /anything").orElseThrow().line());
  }

  @Test
  void withoutADefaultAnEndpointNotNamedIsUnlimited() throws Exception {
    QueryBudget budget = BudgetFile.parse("b", List.of("GET /a.max-queries=3"));
    assertEquals(Optional.empty(), budget.maxQueries("GET /b"));
    assertEquals(Optional.empty(), budget.nPlusOne("GET /a"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      default.max-queries 20            | line 2 (default.max-queries 20): expected <endpoint>.<rule>=<value>
      max-queries=20                    | line 2 (max-queries=20): expected <endpoint>.<rule>=<value>, e.g. default.max-queries=20
      default.max-query=20              | line 2 (default.max-query=20): unknown rule 'max-query'; accepted: max-queries, n-plus-one
      default.max-queries=twenty        | line 2 (default.max-queries=twenty): max-queries must be a whole number (0 or more) or 'unlimited', not 'twenty'
      default.max-queries=-1            | max-queries must be a whole number (0 or more) or 'unlimited', not '-1'
      default.n-plus-one=no             | line 2 (default.n-plus-one=no): n-plus-one must be 'allowed' or 'forbidden', not 'no'
      GET api/recipes.n-plus-one=allowed| the endpoint 'GET api/recipes' is neither 'default' nor an HTTP method and a path starting with /
      default.n-plus-one=\\             | line 2 (default.n-plus-one=\\): a line ending in \\ (a continuation) is not supported
      GET /a/1.max-queries=9            | line 2 (GET /a/1.max-queries=9): GET /a/{id}.max-queries is already set on line 1
      """)
  void mistakesAreReportedWithTheirLineAndWhatIsAccepted(String line, String message) {
    BudgetFileException thrown = assertThrows(BudgetFileException.class,
        () -> BudgetFile.parse("budget.properties", List.of("GET /a/{id}.max-queries=5", line)));
    assertTrue(thrown.getMessage().startsWith("budget.properties line 2 ("), thrown.getMessage());
    assertTrue(thrown.getMessage().contains(message.replace("\\\\", "\\")), thrown.getMessage());
  }

  @Test
  void aMissingFileIsSaid(@TempDir Path directory) {
    BudgetFileException thrown =
        assertThrows(BudgetFileException.class, () -> BudgetFile.read(directory.resolve("absent.properties")));
    assertTrue(thrown.getMessage().startsWith("cannot read budget file " + directory.resolve("absent.properties")),
        thrown.getMessage());
  }
}
