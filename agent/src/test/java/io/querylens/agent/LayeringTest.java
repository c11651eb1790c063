package io.querylens.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The agent's layering, from the bottom: {@code request} (one request's and one thread's state, JDK only) and
 * {@code sql} (where SQL literals and comments end, JDK only, shared by the parts that scan SQL), the
 * {@code bridge} that woven calls reach (JDK and {@code request} only), the parts ({@code jdbc}, {@code web},
 * {@code cache}, {@code invalidation}, {@code report}, {@code jmx}, {@code config}) and, on top, the entry point
 * that wires them. Those calls sit in application classes, so what they reach must stay small and free of
 * libraries; and a part that needs another goes down, never up.
 */
class LayeringTest {
  private static final JavaClasses AGENT = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.querylens.agent");

  @Test
  void packagesFormNoCycles() {
    slices().matching("io.querylens.(**)").should().beFreeOfCycles().check(AGENT);
  }

  @Test
  void requestStateUsesTheJdkOnly() {
    noClasses().that().resideInAPackage("io.querylens.agent.request..")
        .should().dependOnClassesThat().resideOutsideOfPackages("java..", "io.querylens.agent.request..")
        .check(AGENT);
  }

  @Test
  void theSqlLexerUsesTheJdkOnly() {
    noClasses().that().resideInAPackage("io.querylens.agent.sql..")
        .should().dependOnClassesThat().resideOutsideOfPackages("java..", "io.querylens.agent.sql..")
        .check(AGENT);
  }

  @Test
  void theBridgeUsesTheJdkAndRequestStateOnly() {
    noClasses().that().resideInAPackage("io.querylens.agent.bridge..")
        .should().dependOnClassesThat()
        .resideOutsideOfPackages("java..", "io.querylens.agent.bridge..", "io.querylens.agent.request..")
        .check(AGENT);
  }

  @Test
  void onlyTheEntryPointReachesTheEntryPointsPackage() {
    noClasses().that().resideOutsideOfPackage("io.querylens.agent")
        .should().dependOnClassesThat().resideInAPackage("io.querylens.agent")
        .check(AGENT);
  }
}
