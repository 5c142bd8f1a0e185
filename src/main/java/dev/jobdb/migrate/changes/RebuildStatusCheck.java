package dev.jobdb.migrate.changes;

/**
 * The name {@link ChangeStatusConstraint} had until jobdb 2, kept for the changesets already
 * recorded with it: a custom change's class name is part of its changeset's checksum, so renaming
 * it in those changelogs would make Liquibase refuse them. New changesets name
 * {@link ChangeStatusConstraint}; {@code migrate diff} writes that.
 */
public class RebuildStatusCheck extends ChangeStatusConstraint {}
