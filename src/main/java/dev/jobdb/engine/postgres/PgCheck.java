package dev.jobdb.engine.postgres;

import java.util.List;

/**
 * One CHECK constraint of job_queue that reads the status column, as PostgreSQL stores it.
 *
 * @param name its name (PostgreSQL names an unnamed one {@code job_queue_status_check})
 * @param definition {@code pg_get_constraintdef}: {@code CHECK ((status = ANY (ARRAY[...])))}
 * @param expression the expression alone, as {@code pg_get_expr} prints it
 * @param validated false for a constraint added NOT VALID and not validated yet
 * @param statusOnly true when status is the only column it reads
 * @param listedValues the literals of an {@code = ANY (ARRAY[...])} or {@code IN} list, in order;
 *     null when the CHECK has another form
 */
public record PgCheck(
    String name,
    String definition,
    String expression,
    boolean validated,
    boolean statusOnly,
    List<String> listedValues) {
  public boolean isList() {
    return listedValues != null;
  }
}
