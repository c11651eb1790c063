package io.querylens.agent.view;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a query budget file: Java properties syntax, one rule a line, written by hand.
 *
 * <pre>
 * # max queries per request, and whether an N+1 statement is allowed
 * default.max-queries=20
 * default.n-plus-one=forbidden
 * GET /api/recipes.max-queries=80
 * GET /api/recipes.n-plus-one=allowed
 * </pre>
 *
 * <p>A key is an endpoint ({@code default}, or an HTTP method, a space and a path) and a rule after the last dot:
 * {@code max-queries} (a whole number, or {@code unlimited}) or {@code n-plus-one} ({@code allowed} or
 * {@code forbidden}). The space after the method may be written as is or escaped as {@code \ }, as
 * {@code java.util.Properties} wants it. Ids in the path are folded as in reports ({@link EndpointRoute}), so
 * {@code GET /api/recipes/1} and {@code GET /api/recipes/{id}} are the same endpoint. Lines starting with {@code #}
 * or {@code !} are comments. The file is parsed here rather than by {@code Properties} so that a mistake is reported
 * with its line, and a mistake always stops the check: a typo that silently lifted a limit would defeat the gate.
 */
public final class BudgetFile {
  public static final String DEFAULT = "default";
  public static final String MAX_QUERIES = "max-queries";
  public static final String N_PLUS_ONE = "n-plus-one";

  private static final Pattern ENDPOINT = Pattern.compile("([A-Za-z]+) +(/\\S*)");
  private static final String EXAMPLE = "e.g. default.max-queries=20, GET /api/recipes.n-plus-one=allowed";

  private BudgetFile() {}

  public static QueryBudget read(Path file) throws BudgetFileException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (MalformedInputException notText) {
      throw new BudgetFileException("budget file " + file + " is not UTF-8 text");
    } catch (IOException unreadable) {
      throw new BudgetFileException("cannot read budget file " + file + ": " + describe(unreadable));
    }
    return parse(file.toString(), lines);
  }

  /** @param source the file's name, for messages */
  public static QueryBudget parse(String source, List<String> lines) throws BudgetFileException {
    QueryBudget.Rules defaults = QueryBudget.Rules.NONE;
    Map<String, QueryBudget.Rules> endpoints = new HashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      int number = i + 1;
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
        continue;
      }
      String where = source + " line " + number + " (" + line + "): ";
      if (line.endsWith("\\")) {
        throw new BudgetFileException(where + "a line ending in \\ (a continuation) is not supported; "
            + "write each rule on one line");
      }
      int equals = separator(line);
      if (equals < 0) {
        throw new BudgetFileException(where + "expected <endpoint>.<rule>=<value>, " + EXAMPLE);
      }
      String key = unescape(line.substring(0, equals).strip());
      String value = line.substring(equals + 1).strip();
      int dot = key.lastIndexOf('.');
      if (dot < 0) {
        throw new BudgetFileException(where + "expected <endpoint>.<rule>=<value>, " + EXAMPLE);
      }
      String endpoint = endpoint(key.substring(0, dot).strip(), where);
      String rule = key.substring(dot + 1).strip();
      String normalisedKey = endpoint + "." + rule;
      Integer earlier = seen.putIfAbsent(normalisedKey, number);
      if (earlier != null) {
        throw new BudgetFileException(where + normalisedKey + " is already set on line " + earlier);
      }
      QueryBudget.Rules rules = endpoint.equals(DEFAULT) ? defaults : endpoints.getOrDefault(endpoint,
          QueryBudget.Rules.NONE);
      rules = switch (rule) {
        case MAX_QUERIES -> rules.with(new QueryBudget.MaxQueries(maxQueries(value, where), number, normalisedKey));
        case N_PLUS_ONE -> rules.with(new QueryBudget.NPlusOne(nPlusOneAllowed(value, where), number, normalisedKey));
        default -> throw new BudgetFileException(where + "unknown rule '" + rule + "'; accepted: " + MAX_QUERIES
            + ", " + N_PLUS_ONE);
      };
      if (endpoint.equals(DEFAULT)) {
        defaults = rules;
      } else {
        endpoints.put(endpoint, rules);
      }
    }
    return new QueryBudget(source, defaults, endpoints);
  }

  /** The first {@code =} not escaped by a backslash, or -1. */
  private static int separator(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '=') {
        return i;
      }
    }
    return -1;
  }

  /** Properties' escapes in a key: {@code \ } and {@code \=}, {@code \:}, {@code \\}. */
  private static String unescape(String key) {
    StringBuilder plain = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '\\' && i + 1 < key.length()) {
        c = key.charAt(++i);
      }
      plain.append(c);
    }
    return plain.toString();
  }

  private static String endpoint(String written, String where) throws BudgetFileException {
    if (written.equals(DEFAULT)) {
      return DEFAULT;
    }
    Matcher matcher = ENDPOINT.matcher(written);
    if (!matcher.matches()) {
      throw new BudgetFileException(where + "the endpoint '" + written + "' is neither 'default' nor an HTTP "
          + "method and a path starting with /, such as 'GET /api/recipes/{id}'");
    }
    return EndpointRoute.of(matcher.group(1), matcher.group(2));
  }

  private static long maxQueries(String value, String where) throws BudgetFileException {
    if (value.toLowerCase(Locale.ROOT).equals("unlimited")) {
      return Long.MAX_VALUE;
    }
    try {
      long limit = Long.parseLong(value);
      if (limit >= 0) {
        return limit;
      }
    } catch (NumberFormatException notANumber) {
      // said below
    }
    throw new BudgetFileException(where + MAX_QUERIES + " must be a whole number (0 or more) or 'unlimited', not '"
        + value + "'");
  }

  private static boolean nPlusOneAllowed(String value, String where) throws BudgetFileException {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "allowed" -> true;
      case "forbidden" -> false;
      default -> throw new BudgetFileException(where + N_PLUS_ONE + " must be 'allowed' or 'forbidden', not '"
          + value + "'");
    };
  }

  private static String describe(IOException failure) {
    String type = failure.getClass().getSimpleName();
    return failure.getMessage() == null ? type : type + " " + failure.getMessage();
  }
}
