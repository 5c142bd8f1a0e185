package dev.jobdb;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layering each package-info.java states: the flow of a run reads from the top (cli) down to
 * config, nothing imports upwards, only cli knows about terminals, and the ways to change or
 * snapshot a table work without Liquibase.
 */
class ArchitectureTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.jobdb");

  @Test
  void eachLayerUsesOnlyTheLayersBelowIt() {
    layeredArchitecture().consideringOnlyDependenciesInLayers()
        .layer("cli").definedBy("dev.jobdb.cli..")
        .layer("changelog").definedBy("dev.jobdb.changelog..")
        .layer("liquibase changes").definedBy("dev.jobdb.migrate..")
        .layer("run").definedBy("dev.jobdb.run..")
        .layer("engine").definedBy("dev.jobdb.engine")
        .layer("sqlite engine").definedBy("dev.jobdb.engine.sqlite..")
        .layer("postgresql engine").definedBy("dev.jobdb.engine.postgres..")
        .layer("schema").definedBy("dev.jobdb.schema..")
        .layer("db").definedBy("dev.jobdb.db..")
        .layer("config").definedBy("dev.jobdb.config..")
        .layer("appenum").definedBy("dev.jobdb.appenum..")
        .layer("fixture").definedBy("dev.jobdb.fixture..")
        .whereLayer("cli").mayNotBeAccessedByAnyLayer()
        .whereLayer("changelog").mayOnlyBeAccessedByLayers("cli")
        // Liquibase finds the custom changes by the class names in the changelogs
        .whereLayer("liquibase changes").mayNotBeAccessedByAnyLayer()
        .whereLayer("run").mayOnlyBeAccessedByLayers("cli", "changelog", "liquibase changes")
        // found through ServiceLoader: nothing names an engine's classes
        .whereLayer("sqlite engine").mayNotBeAccessedByAnyLayer()
        .whereLayer("postgresql engine").mayNotBeAccessedByAnyLayer()
        .whereLayer("engine").mayOnlyBeAccessedByLayers("cli", "changelog", "run",
            "liquibase changes", "sqlite engine", "postgresql engine")
        .check(MAIN);
  }

  /** Only the engines touch a JDBC driver ({@code db} is the SQLite engine's file access, shared). */
  @Test
  void onlyTheEnginesTouchADriver() {
    noClasses().that().resideOutsideOfPackages("dev.jobdb.engine.sqlite..", "dev.jobdb.db..")
        .should().dependOnClassesThat().resideInAnyPackage("org.sqlite..")
        .check(MAIN);
    noClasses().that().resideOutsideOfPackages("dev.jobdb.engine.postgres..")
        .should().dependOnClassesThat().resideInAnyPackage("org.postgresql..")
        .check(MAIN);
  }

  /** Nothing above the engines asks which kind of database it works on. */
  @Test
  void servicesAndCommandsNeverNameAnEngine() {
    noClasses().that().resideInAnyPackage("dev.jobdb.cli..", "dev.jobdb.run..",
            "dev.jobdb.changelog..", "dev.jobdb.migrate..", "dev.jobdb.engine")
        .should().dependOnClassesThat().resideInAnyPackage("dev.jobdb.engine.sqlite..",
            "dev.jobdb.engine.postgres..", "org.sqlite..", "org.postgresql..")
        .check(MAIN);
  }

  @Test
  void packagesHaveNoCycles() {
    slices().matching("dev.jobdb.(**)").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void servicesDoNotDependOnTheCommandLine() {
    noClasses().that().resideOutsideOfPackages("dev.jobdb.cli..", "dev.jobdb")
        .should().dependOnClassesThat().resideInAnyPackage("dev.jobdb.cli..", "picocli..")
        .check(MAIN);
  }

  @Test
  void changesAndSnapshotsWorkWithoutLiquibase() {
    noClasses().that().resideInAnyPackage("dev.jobdb.engine.sqlite.change..",
            "dev.jobdb.engine.sqlite.snapshot..", "dev.jobdb.schema..", "dev.jobdb.db..",
            "dev.jobdb.config..", "dev.jobdb.appenum..")
        .should().dependOnClassesThat().resideInAnyPackage("liquibase..")
        .check(MAIN);
  }

  @Test
  void postgresqlWorkUsesNeitherSqliteNorTheRun() {
    noClasses().that().resideInAnyPackage("dev.jobdb.engine.postgres..")
        .should().dependOnClassesThat().resideInAnyPackage("org.sqlite..", "dev.jobdb.run..",
            "dev.jobdb.engine.sqlite..", "dev.jobdb.db.Sqlite")
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
