package io.querylens.agent.cli;

import io.querylens.agent.view.BudgetViolation;
import io.querylens.agent.view.Report;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The outcome of a budget check as text. Like a failed {@code assertNumQueries}, a violation lists the statements:
 * the full fingerprint (a CI log has room, and a cut SQL cannot be searched for), how often it ran, and the call
 * site to fix.
 */
final class CheckText {
  /** Statements listed per violation; the rest are counted. A request over budget by hundreds needs the top few. */
  static final int MAX_STATEMENTS = 10;

  private CheckText() {}

  static String render(String directory, String budgetFile, List<Report> reports, List<BudgetViolation> violations) {
    StringBuilder text = new StringBuilder();
    if (reports.isEmpty()) {
      return "QueryLens budget check failed: no reports in " + directory + ", so nothing was checked (was the agent"
          + " attached with reports.dir=" + directory + "?)\n";
    }
    long endpoints = reports.stream().map(Report::endpoint).distinct().count();
    if (violations.isEmpty()) {
      return "QueryLens budget check passed: " + Text.plural(reports.size(), "request", "requests") + " of "
          + Text.plural(endpoints, "endpoint", "endpoints") + " within the budget of " + budgetFile + "\n";
    }
    for (BudgetViolation violation : violations) {
      violation(text, budgetFile, violation);
      text.append('\n');
    }
    Set<String> requests = new LinkedHashSet<>();
    violations.forEach(violation -> requests.add(violation.report().fileName()));
    text.append("QueryLens budget check failed: ").append(Text.plural(violations.size(), "violation", "violations"))
        .append(" in ").append(requests.size()).append(" of ")
        .append(Text.plural(reports.size(), "request", "requests")).append(" (budget ").append(budgetFile)
        .append(", reports ").append(directory).append(")\n");
    return text.toString();
  }

  private static void violation(StringBuilder text, String budgetFile, BudgetViolation violation) {
    Report report = violation.report();
    switch (violation.kind()) {
      case TOO_MANY_QUERIES -> text.append("OVER BUDGET ").append(report.endpoint()).append(": ")
          .append(report.queryCount()).append(" queries in one request, the budget allows ")
          .append(violation.limit()).append('\n');
      case N_PLUS_ONE -> text.append("N+1 FORBIDDEN ").append(report.endpoint()).append(": ")
          .append(Text.plural(violation.statements().size(), "statement", "statements"))
          .append(" ran in a loop (N+1), the budget forbids it\n");
    }
    text.append("  rule:    ").append(violation.budgetKey()).append(" (").append(budgetFile).append(" line ")
        .append(violation.budgetLine()).append(")\n");
    text.append("  request: ").append(report.method()).append(' ').append(report.path()).append(" at ")
        .append(report.startedAt()).append(", ").append(report.fileName()).append('\n');
    text.append(violation.kind() == BudgetViolation.Kind.N_PLUS_ONE ? "  N+1 statements:\n"
        : "  statements, most executed first:\n");
    List<Report.Statement> statements = violation.statements();
    for (Report.Statement statement : statements.subList(0, Math.min(MAX_STATEMENTS, statements.size()))) {
      text.append(String.format("%8d x  %s%n", statement.count(), statement.sql()));
      text.append("            at ").append(callSite(statement.callSite())).append('\n');
    }
    if (statements.size() > MAX_STATEMENTS) {
      text.append("    ... and ").append(Text.plural(statements.size() - MAX_STATEMENTS, "more statement",
          "more statements")).append('\n');
    }
    if (violation.kind() == BudgetViolation.Kind.TOO_MANY_QUERIES && report.omittedStatements() > 0) {
      text.append("    ... and ").append(Text.plural(report.omittedStatements(), "statement", "statements"))
          .append(" the report left out (reports.max-statements)\n");
    }
  }

  /** A call site as reports give it; {@code null} means every frame belonged to a library. */
  static String callSite(String callSite) {
    return callSite == null ? "(no application frame)" : callSite;
  }
}
