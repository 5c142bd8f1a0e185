package dev.jobdb.cli;

import picocli.CommandLine.Command;

@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = "Apply the changelog to the database (up), or write the changeset the app's enum needs (diff).",
    subcommands = {MigrateUpCommand.class, MigrateDiffCommand.class})
final class MigrateCommand {}
