package io.querylens.demo.recipe;

import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The API's errors as RFC 9457 problem details, the same for recipes and foods: 400 for a body that is not valid
 * (each field's problem in {@code errors}), 404 for an unknown recipe or food, 409 for a name already taken.
 */
// Before Spring Boot's own problem-details advice (spring.mvc.problemdetails.enabled), which handles invalid bodies too
// but without the field errors.
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice
class ApiProblems {

  @ExceptionHandler
  ProblemDetail invalid(MethodArgumentNotValidException invalid) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request body is not valid.");
    problem.setProperty("errors", invalid.getBindingResult().getFieldErrors().stream()
        .collect(Collectors.toMap(FieldError::getField, error -> String.valueOf(error.getDefaultMessage()),
            (first, second) -> first + "; " + second, TreeMap::new)));
    return problem;
  }

  @ExceptionHandler({RecipeNotFoundException.class, FoodNotFoundException.class})
  ProblemDetail notFound(RuntimeException notFound) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, notFound.getMessage());
  }

  /**
   * A name already taken: checked first ({@code RecipeEditor}) or reported by the database's unique constraint and
   * reworded ({@code FoodRenamer}), both a {@link DuplicateKeyException} with a message for the client; or a
   * concurrent write that broke a constraint at commit, whose driver message is not shown.
   */
  @ExceptionHandler
  ProblemDetail conflict(DataIntegrityViolationException conflict) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
        conflict instanceof DuplicateKeyException
            ? conflict.getMessage()
            : "The change conflicts with existing data (a name that must be unique); nothing was saved.");
  }
}
