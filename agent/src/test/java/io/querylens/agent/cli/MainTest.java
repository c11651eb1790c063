package io.querylens.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MainTest {

  @Test
  void helpNamesBothCommandsAndHowTheAgentIsAttached() {
    Cli help = Cli.run("--help");

    assertEquals(Main.OK, help.exitCode(), help.toString());
    assertTrue(help.out().contains("java -jar querylens-agent.jar summary <reports-dir> [--top N]"), help.out());
    assertTrue(help.out().contains("java -jar querylens-agent.jar check <reports-dir> --budget <file>"), help.out());
    assertTrue(help.out().contains("-javaagent:querylens-agent.jar"), help.out());
    assertEquals("", help.err());
    help.out().lines().forEach(line -> assertTrue(line.length() <= 100, line));
  }

  @Test
  void helpAfterACommandIsTheUsageToo() {
    Cli help = Cli.run("check", "--help");

    assertEquals(Main.OK, help.exitCode(), help.toString());
    assertEquals(Main.USAGE_TEXT, help.out());
  }

  @Test
  void noArgumentsPrintsTheUsageAsAnError() {
    Cli none = Cli.run();

    assertEquals(Main.USAGE, none.exitCode());
    assertEquals(Main.USAGE_TEXT, none.err());
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    Cli unknown = Cli.run("sumary", "reports");

    assertEquals(Main.USAGE, unknown.exitCode());
    assertTrue(unknown.err().startsWith("querylens: unknown command 'sumary'; the commands are summary, check and html\n"),
        unknown.err());
    assertTrue(unknown.err().contains("--help"), unknown.err());
  }
}
