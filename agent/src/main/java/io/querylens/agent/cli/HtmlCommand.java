package io.querylens.agent.cli;

import io.querylens.agent.ui.ViewerPage;
import io.querylens.agent.view.ReportFolder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code html <reports-dir> [-o file]}: the viewer's page with the folder's reports in it, one file, offline. */
final class HtmlCommand {
  static final String DEFAULT_OUTPUT = "querylens.html";

  private HtmlCommand() {}

  static int run(List<String> args, PrintStream out, PrintStream err) throws UsageException {
    List<String> spelledLong = new ArrayList<>(args.size());
    for (String arg : args) {
      spelledLong.add(arg.equals("-o") ? "--output" : arg);
    }
    Arguments arguments = Arguments.parse(spelledLong, Set.of("--output"));
    String directory = arguments.onlyPositional("<reports-dir>");
    Path output;
    try {
      output = Path.of(arguments.option("--output").orElse(DEFAULT_OUTPUT));
    } catch (InvalidPathException invalid) {
      throw new UsageException("not a file name: " + invalid.getInput());
    }
    ReportFolder folder = Folders.read(directory, err);
    try {
      Files.writeString(output, ViewerPage.of(folder), StandardCharsets.UTF_8);
    } catch (IOException unwritable) {
      throw new UsageException("cannot write " + output + ": " + unwritable);
    }
    out.println("Wrote " + output + ": " + Text.plural(folder.reports().size(), "request", "requests")
        + " from " + directory + "; it opens in a browser without a network.");
    return Main.OK;
  }
}
