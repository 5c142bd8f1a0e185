/**
 * What an engine offers a run, whatever the database: open it and take its lock, read job_queue,
 * change the status constraint, snapshot and restore. Small records pass between the run and an
 * engine. Each database's engine lives in its own package below this one; only engines touch a
 * JDBC driver's specifics.
 */
package dev.jobdb.engine;
