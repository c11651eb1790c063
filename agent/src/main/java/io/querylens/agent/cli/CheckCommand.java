package io.querylens.agent.cli;

import io.querylens.agent.view.BudgetCheck;
import io.querylens.agent.view.BudgetFile;
import io.querylens.agent.view.BudgetFileException;
import io.querylens.agent.view.BudgetViolation;
import io.querylens.agent.view.QueryBudget;
import io.querylens.agent.view.ReportFolder;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * {@code check <reports-dir> --budget <file>}: exit code 0 when every report is within its endpoint's budget, 1 with
 * each violation described otherwise, 2 when the folder or the budget file cannot be used. A folder without reports
 * fails (1): in CI it means the agent was not attached or wrote elsewhere, and a gate that checked nothing must not
 * pass. The budget file is read
 * before the folder, so that a broken budget fails the same way whatever the reports are.
 */
final class CheckCommand {
  private CheckCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
    Arguments arguments = Arguments.parse(args, Set.of("--budget"));
    String directory = arguments.onlyPositional("<reports-dir>");
    String budgetFile = arguments.option("--budget")
        .orElseThrow(() -> new UsageException("missing --budget <file>; see --help for its format"));
    QueryBudget budget = budget(budgetFile);
    ReportFolder folder = Folders.read(directory, err);
    List<BudgetViolation> violations = BudgetCheck.check(budget, folder.reports());
    out.print(CheckText.render(directory, budgetFile, folder.reports(), violations));
    return violations.isEmpty() && !folder.reports().isEmpty() ? Main.OK : Main.OVER_BUDGET;
  }

  private static QueryBudget budget(String file) throws UsageException {
    try {
      return BudgetFile.read(Path.of(file));
    } catch (InvalidPathException badPath) {
      throw new UsageException("cannot read budget file " + file + ": " + badPath.getMessage());
    } catch (BudgetFileException unusable) {
      throw new UsageException(unusable.getMessage());
    }
  }
}
