package io.querylens.agent.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The agent jar's {@code Main-Class}. The agent is attached with {@code -javaagent:}; run with {@code java -jar} the
 * same jar reads a folder of the reports it wrote: {@code summary}, {@code check} and {@code html}.
 */
public final class Main {
  public static final int OK = 0;
  /** {@code check}: a request is over budget. */
  public static final int OVER_BUDGET = 1;
  /** Bad arguments, a missing folder, an unusable budget file. */
  public static final int USAGE = 2;

  static final String USAGE_TEXT = """
      QueryLens: the SQL queries and cache calls of each HTTP request, as JSON reports.

      The agent itself is attached to an application with -javaagent:
        java -javaagent:querylens-agent.jar=reports.dir=reports -jar app.jar

      Run with java -jar, the same jar reads a folder of reports:
        java -jar querylens-agent.jar summary <reports-dir> [--top N]
            Endpoints worst first (queries per request, DB time, N+1), the worst N+1 statements with
            their call sites, and the hit ratio of each cache. --top N: rows per list (default 20).
        java -jar querylens-agent.jar check <reports-dir> --budget <file>
            Holds every request to a query budget: per endpoint the most queries per request and
            whether an N+1 statement is allowed. Exit code 0 within budget, 1 over it or when the
            folder holds no report, 2 usage error.
            Budget file (Java properties; ids in paths are folded to {id}):
              default.max-queries=20
              default.n-plus-one=forbidden
              GET /api/recipes.max-queries=80
              GET /api/recipes.n-plus-one=allowed
        java -jar querylens-agent.jar html <reports-dir> [-o querylens.html]
            The report viewer as one HTML file: endpoints, each request's statements and cache calls,
            charts. It holds the reports and opens offline; the live viewer is the agent's ui.port.
        java -jar querylens-agent.jar --help
      """;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs a command; the exit code is returned, not used, so that tests can run it in-process. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.print(USAGE_TEXT);
      return USAGE;
    }
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    if (rest.contains("--help") || rest.contains("-h")) {
      // summary --help, check --help: the one usage text covers both.
      out.print(USAGE_TEXT);
      return OK;
    }
    try {
      switch (args[0]) {
        case "--help", "-h", "help":
          out.print(USAGE_TEXT);
          return OK;
        case "summary":
          return SummaryCommand.run(rest, out, err);
        case "check":
          return CheckCommand.run(rest, out, err);
        case "html":
          return HtmlCommand.run(rest, out, err);
        default:
          throw new UsageException("unknown command '" + args[0] + "'; the commands are summary, check and html");
      }
    } catch (UsageException usage) {
      err.println("querylens: " + usage.getMessage());
      err.println("Run java -jar querylens-agent.jar --help for usage.");
      return USAGE;
    } finally {
      out.flush();
      err.flush();
    }
  }
}
