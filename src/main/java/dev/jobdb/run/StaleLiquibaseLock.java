package dev.jobdb.run;

/** A Liquibase lock row left by a run that was killed, as it was before it was cleared. */
public record StaleLiquibaseLock(String lockedBy, String lockGranted) {}
