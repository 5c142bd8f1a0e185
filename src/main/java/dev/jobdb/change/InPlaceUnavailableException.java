package dev.jobdb.change;

/**
 * SQLite refused a step of the in-place change for a reason a rebuild does not have (an old
 * engine, defensive mode); the caller undoes the attempt and rebuilds, saying why.
 */
final class InPlaceUnavailableException extends RuntimeException {
  InPlaceUnavailableException(String reason) {
    super(reason);
  }

  InPlaceUnavailableException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
