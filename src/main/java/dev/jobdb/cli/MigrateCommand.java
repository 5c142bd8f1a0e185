package dev.jobdb.cli;

import picocli.CommandLine.Command;

@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = "Apply the changelog's changesets (the app's folder, or jobdb's built-in changelogs/) to"
        + " the database (up), or write the changeset the app's enum needs into the app's folder"
        + " (diff).",
    subcommands = {MigrateUpCommand.class, MigrateDiffCommand.class})
final class MigrateCommand {}
