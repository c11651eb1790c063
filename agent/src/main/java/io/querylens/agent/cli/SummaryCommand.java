package io.querylens.agent.cli;

import io.querylens.agent.view.ReportFolder;
import io.querylens.agent.view.ReportSummary;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** {@code summary <reports-dir> [--top N]}: the folder's endpoints, N+1 statements and caches as text. */
final class SummaryCommand {
  static final int DEFAULT_TOP = 20;

  private SummaryCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
    Arguments arguments = Arguments.parse(args, Set.of("--top"));
    String directory = arguments.onlyPositional("<reports-dir>");
    int top = top(arguments);
    ReportFolder folder = Folders.read(directory, err);
    out.print(new SummaryText(top).render(directory, ReportSummary.of(folder.reports())));
    return Main.OK;
  }

  private static int top(Arguments arguments) throws UsageException {
    String value = arguments.option("--top").orElse(String.valueOf(DEFAULT_TOP));
    try {
      int top = Integer.parseInt(value);
      if (top > 0) {
        return top;
      }
    } catch (NumberFormatException notANumber) {
      // said below
    }
    throw new UsageException("--top takes a whole number of rows, 1 or more, not '" + value + "'");
  }
}
