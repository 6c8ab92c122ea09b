package io.bttspeed.wallet.store;

/** The database failed; an internal error, never caused by the caller's input. */
public final class StoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
