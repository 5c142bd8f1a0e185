package dev.jobdb;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Only cli knows about terminals: the services return records and never print. */
class ArchitectureTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.jobdb");

  @Test
  void servicesDoNotDependOnTheCommandLine() {
    noClasses().that().resideInAnyPackage("dev.jobdb.config..", "dev.jobdb.db..",
            "dev.jobdb.schema..", "dev.jobdb.migrate..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.jobdb.cli..", "picocli..")
        .check(MAIN);
  }

  @Test
  void onlyTheCommandLineWritesToTheTerminal() {
    noClasses().that().resideOutsideOfPackages("dev.jobdb.cli..")
        .and().doNotHaveFullyQualifiedName(Main.class.getName())
        .should().accessField(System.class, "out")
        .orShould().accessField(System.class, "err")
        .check(MAIN);
  }
}
