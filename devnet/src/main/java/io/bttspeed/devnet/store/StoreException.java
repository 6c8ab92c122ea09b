package io.bttspeed.devnet.store;

/**
 * The chain database failed: the node cannot go on safely, so this is unchecked and fatal to the
 * call.
 */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
