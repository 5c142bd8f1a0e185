package dev.jobdb.cli;

import picocli.CommandLine.Command;

@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description = "Apply the changesets in changelogs/ to the database.",
    subcommands = {MigrateUpCommand.class})
final class MigrateCommand {}
