package io.querylens.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentConfigTest {
  @Test
  void defaultsWhenNothingIsSet() {
    AgentConfig config = AgentConfig.from(null, Map.of(), Map.of());
    assertEquals("querylens-reports", config.get(AgentConfig.REPORTS_DIR));
    assertEquals(5, config.get(AgentConfig.NPLUSONE_THRESHOLD));
    assertTrue(config.get(AgentConfig.ENABLED));
    assertTrue(config.problems().isEmpty(), config.problems()::toString);
  }

  @Test
  void agentArgumentsBeatSystemPropertiesWhichBeatTheEnvironment() {
    AgentConfig config = AgentConfig.from("nplusone.threshold=3",
        Map.of("querylens.nplusone.threshold", "4", "querylens.reports.dir", "/from/property"),
        Map.of("QUERYLENS_NPLUSONE_THRESHOLD", "6", "QUERYLENS_REPORTS_DIR", "/from/env",
            "QUERYLENS_REPORTS_MAX_FILES", "7"));
    assertEquals(3, config.get(AgentConfig.NPLUSONE_THRESHOLD));
    assertEquals("/from/property", config.get(AgentConfig.REPORTS_DIR));
    assertEquals(7, config.get(AgentConfig.REPORTS_MAX_FILES));
    assertTrue(config.problems().isEmpty(), config.problems()::toString);
  }

  @Test
  void argumentsMayCarryThePrefixAndSpaces() {
    AgentConfig config = AgentConfig.from(" querylens.reports.dir = /x , log.level=debug", Map.of(), Map.of());
    assertEquals("/x", config.get(AgentConfig.REPORTS_DIR));
    assertEquals("debug", config.get(AgentConfig.LOG_LEVEL));
  }

  @Test
  void aBadValueNamesTheKeyAndTheAcceptedValuesAndKeepsTheDefault() {
    AgentConfig config = AgentConfig.from("nplusone.threshold=many,enabled=yes,log.level=loud", Map.of(), Map.of());
    assertEquals(5, config.get(AgentConfig.NPLUSONE_THRESHOLD));
    assertTrue(config.get(AgentConfig.ENABLED));
    assertEquals("info", config.get(AgentConfig.LOG_LEVEL));
    String problems = String.join("\n", config.problems());
    assertTrue(problems.contains("'many' for nplusone.threshold: expected a whole number from 2 to"), problems);
    assertTrue(problems.contains("'yes' for enabled: expected true or false"), problems);
    assertTrue(problems.contains("'loud' for log.level: expected one of error, warn, info, debug"), problems);
  }

  @Test
  void outOfRangeNumbersAreRejected() {
    AgentConfig config = AgentConfig.from("nplusone.threshold=1,reports.max-files=0", Map.of(), Map.of());
    assertEquals(5, config.get(AgentConfig.NPLUSONE_THRESHOLD));
    assertEquals(1000, config.get(AgentConfig.REPORTS_MAX_FILES));
    assertEquals(2, config.problems().size(), config.problems()::toString);
  }

  @Test
  void unknownKeysAreReportedFromEverySource() {
    AgentConfig config = AgentConfig.from("report.dir=/typo,novalue", Map.of("querylens.nplusone", "3"),
        Map.of("QUERYLENS_REPORT_DIR", "/typo", "PATH", "/bin"));
    String problems = String.join("\n", config.problems());
    assertTrue(problems.contains("unknown agent argument 'report.dir'"), problems);
    assertTrue(problems.contains("known keys: enabled, reports.dir"), problems);
    assertTrue(problems.contains("'novalue' is not key=value"), problems);
    assertTrue(problems.contains("unknown system property 'querylens.nplusone'"), problems);
    assertTrue(problems.contains("unknown environment variable 'QUERYLENS_REPORT_DIR'"), problems);
    assertEquals(4, config.problems().size(), problems);
  }

  @Test
  void environmentNamesFollowTheKey() {
    assertEquals("QUERYLENS_REPORTS_MAX_STATEMENTS", AgentConfig.REPORTS_MAX_STATEMENTS.environmentName());
    assertEquals("querylens.reports.max-statements", AgentConfig.REPORTS_MAX_STATEMENTS.propertyName());
  }
}
