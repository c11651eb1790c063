package io.querylens.agent.jdbc.tables;

import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.schema.Table;

/**
 * The normal form of table names, shared by the parser path and the keyword scan so that both name a table alike.
 *
 * <p>Each part of a name is normalised on its own: an unquoted identifier is lower-cased ({@code RECIPE},
 * {@code Recipe} and {@code recipe} are one table, as in PostgreSQL, MySQL on Linux aside); a quoted one, in
 * {@code "..."}, {@code `...`} or {@code [...]}, loses its quotes and keeps its case and doubled-quote escapes are
 * undone ({@code "Recipe"} is {@code Recipe}, {@code "a""b"} is {@code a"b}). Then, unless the schema is kept, only the
 * last part is returned: {@code public.recipe}, {@code cookbook.public.recipe} and {@code recipe} are all
 * {@code recipe}, because an application names the same table both ways and nothing here knows the search path.
 *
 * <p>Databases that fold unquoted names to upper case (H2, Oracle) treat {@code recipe} and {@code "RECIPE"} as one
 * table, while these names keep them apart; a consumer that must never under-invalidate can compare names
 * case-insensitively, which only over-invalidates between tables whose names differ in case alone.
 */
final class TableNames {

  private TableNames() {}

  /** The normal name of a table the parser found. */
  static String of(Table table, boolean keepSchema) {
    String name = part(table.getName());
    if (!keepSchema) {
      return name;
    }
    // JSqlParser keeps the parts last-first: name, schema, database, server.
    List<String> parts = table.getNameParts();
    StringBuilder qualified = new StringBuilder();
    for (int i = parts.size() - 1; i >= 1; i--) {
      String qualifier = parts.get(i);
      if (qualifier != null && !qualifier.isEmpty()) {
        qualified.append(part(qualifier)).append('.');
      }
    }
    return qualified.append(name).toString();
  }

  /** The normal name of the keyword scan's tokens {@code first..last}: parts separated by dots. */
  static String of(SqlTokens tokens, int first, int last, boolean keepSchema) {
    String name = part(tokens.text(last));
    if (!keepSchema || first == last) {
      return name;
    }
    StringBuilder qualified = new StringBuilder();
    for (int i = first; i < last; i += 2) {
      qualified.append(part(tokens.text(i))).append('.');
    }
    return qualified.append(name).toString();
  }

  /**
   * The normal name of a table JSqlParser gives as text only ({@code ALTER TABLE ... RENAME TO}'s new name, the
   * table of {@code DROP INDEX ... ON}): {@code public.dish} is {@code dish} unless the schema is kept.
   */
  static String ofText(String dotted, boolean keepSchema) {
    int dot = dotted.lastIndexOf('.');
    if (dot < 0) {
      return part(dotted);
    }
    if (!keepSchema) {
      return part(dotted.substring(dot + 1));
    }
    StringBuilder qualified = new StringBuilder();
    for (String each : dotted.split("\\.")) {
      qualified.append(qualified.length() == 0 ? "" : ".").append(part(each));
    }
    return qualified.toString();
  }

  /** One identifier, quoted or not, in normal form. */
  static String part(String identifier) {
    int n = identifier.length();
    if (n >= 2) {
      char open = identifier.charAt(0);
      char close = closingQuote(open);
      if (close != 0 && identifier.charAt(n - 1) == close) {
        return unescape(identifier.substring(1, n - 1), close);
      }
    }
    return identifier.toLowerCase(Locale.ROOT);
  }

  /** The quote that closes an identifier opened by {@code open}, or 0 when {@code open} opens none. */
  static char closingQuote(char open) {
    switch (open) {
      case '"':
        return '"';
      case '`':
        return '`';
      case '[':
        return ']';
      default:
        return 0;
    }
  }

  private static String unescape(String inner, char close) {
    String doubled = String.valueOf(close) + close;
    return inner.contains(doubled) ? inner.replace(doubled, String.valueOf(close)) : inner;
  }
}
