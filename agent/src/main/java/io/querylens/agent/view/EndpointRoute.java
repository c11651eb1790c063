package io.querylens.agent.view;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An endpoint's name: the HTTP method and the request path with its ids folded, e.g. {@code GET /api/recipes/42}
 * becomes {@code GET /api/recipes/{id}}, so that all requests of one route add up.
 *
 * <p>The agent sees paths, not the application's route templates, so ids are recognised by their look. Each path
 * segment (between two {@code /}) is examined on its own, and becomes {@code {id}} when it is:
 * <ol>
 *   <li>all digits: {@code 42};
 *   <li>a UUID: {@code 3f2504e0-4f89-11d3-9a0c-0305e82c3301}, any case;
 *   <li>hexadecimal, 8 characters or more, with at least one digit: {@code 5f3a9c01}, a 24-character Mongo id, a
 *       SHA; a word such as {@code deadbeef} or {@code facade} has no digit and stays;
 *   <li>a token of 16 characters or more of letters, digits, {@code -} and {@code _} with at least one letter and at
 *       least one digit: a ULID, a base64url id, {@code order-2026-11-28-000042}.
 * </ol>
 * Matrix parameters ({@code ;jsessionid=...}) are removed from every segment first. Nothing else changes: case, the
 * trailing slash, percent-encoding and segments such as {@code v2} or {@code page-3} stay as they are, so two
 * spellings of a path stay two endpoints rather than being merged by a guess. The rules are listed in
 * reports/README.md too; keep both in step.
 */
public final class EndpointRoute {
  /** What a folded segment becomes. */
  public static final String ID = "{id}";

  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern LONG_HEX = Pattern.compile("(?=.*[0-9])[0-9a-fA-F]{8,}");
  private static final Pattern LONG_TOKEN = Pattern.compile("(?=.*[0-9])(?=.*[A-Za-z])[A-Za-z0-9_-]{16,}");

  private EndpointRoute() {}

  /** {@code GET /api/recipes/{id}} for {@code get} and {@code /api/recipes/42}. */
  public static String of(String method, String path) {
    return method.toUpperCase(Locale.ROOT) + " " + fold(path);
  }

  /** The path with id-like segments replaced by {@code {id}}; an empty path is {@code /}. */
  public static String fold(String path) {
    if (path.isEmpty()) {
      return "/";
    }
    // -1: keep trailing empty segments, so a trailing slash survives.
    String[] segments = path.split("/", -1);
    StringBuilder folded = new StringBuilder(path.length());
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        folded.append('/');
      }
      folded.append(foldSegment(segments[i]));
    }
    return folded.toString();
  }

  static String foldSegment(String segment) {
    int matrix = segment.indexOf(';');
    String bare = matrix < 0 ? segment : segment.substring(0, matrix);
    return isId(bare) ? ID : bare;
  }

  static boolean isId(String segment) {
    return DIGITS.matcher(segment).matches()
        || UUID.matcher(segment).matches()
        || LONG_HEX.matcher(segment).matches()
        || LONG_TOKEN.matcher(segment).matches();
  }
}
