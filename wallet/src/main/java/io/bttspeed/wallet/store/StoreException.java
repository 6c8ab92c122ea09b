package io.bttspeed.wallet.store;

import java.sql.SQLException;

/** The database failed; an internal error, never caused by the caller's input. */
public final class StoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Whether a unique or foreign-key constraint refused the write (SQLSTATE class 23). Checked by
   * state rather than exception type: H2 raises SQLIntegrityConstraintViolationException,
   * PostgreSQL a plain SQLException.
   */
  public boolean isConstraintViolation() {
    return getCause() instanceof SQLException sql
        && sql.getSQLState() != null
        && sql.getSQLState().startsWith("23");
  }
}
