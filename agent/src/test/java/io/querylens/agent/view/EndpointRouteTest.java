package io.querylens.agent.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointRouteTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      /api/recipes                                             | /api/recipes
      /api/recipes/42                                          | /api/recipes/{id}
      /api/recipes/42/ingredients                              | /api/recipes/{id}/ingredients
      /api/recipes/0/ingredients/7                             | /api/recipes/{id}/ingredients/{id}
      /orders/3f2504e0-4f89-11d3-9a0c-0305e82c3301             | /orders/{id}
      /orders/3F2504E0-4F89-11D3-9A0C-0305E82C3301/lines       | /orders/{id}/lines
      /blobs/5f3a9c01                                          | /blobs/{id}
      /objects/507f1f77bcf86cd799439011                        | /objects/{id}
      /orders/01HF8Z3K6Q9W7M2X4C5V6B7N8P                       | /orders/{id}
      /orders/order-2026-11-28-000042                          | /orders/{id}
      /tokens/aZ3_x-9QkLmN0pR2                                 | /tokens/{id}
      /cafe/deadbeef                                           | /cafe/deadbeef
      /api/v2/items                                            | /api/v2/items
      /items/page-3                                            | /items/page-3
      /users/johnsmith1234                                     | /users/johnsmith1234
      /users/abcdefghijklmnopqrstuvwxyz                        | /users/abcdefghijklmnopqrstuvwxyz
      /cart;jsessionid=1A2B3C4D5E6F                            | /cart
      /cart/17;jsessionid=1A2B3C4D5E6F                         | /cart/{id}
      /api/recipes/                                            | /api/recipes/
      /                                                        | /
      """)
  void foldsIdLikeSegmentsAndNothingElse(String path, String route) {
    assertEquals(route, EndpointRoute.fold(path));
  }

  @Test
  void anEmptyPathIsTheRoot() {
    assertEquals("/", EndpointRoute.fold(""));
  }

  @Test
  void theEndpointIsTheUpperCaseMethodAndTheFoldedPath() {
    assertEquals("GET /api/recipes/{id}", EndpointRoute.of("get", "/api/recipes/42"));
    assertEquals("POST /api/recipes/{id}/ingredients", EndpointRoute.of("POST", "/api/recipes/999999/ingredients"));
  }
}
