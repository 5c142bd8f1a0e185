package dev.jobdb.cli;

import picocli.CommandLine.Command;

@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = "Apply the changelog's changesets (the app's folder, or jobdb's built-in changelogs/) to"
        + " the database.",
    subcommands = {MigrateUpCommand.class})
final class MigrateCommand {}
