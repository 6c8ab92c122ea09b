package io.bttspeed.wallet.error;

/** The thing to create exists already, e.g. the same key imported twice by one principal. */
public final class AlreadyExistsException extends WalletException {

  private static final long serialVersionUID = 1L;

  public AlreadyExistsException(String message) {
    super(message);
  }

  public AlreadyExistsException(String message, Throwable cause) {
    super(message, cause);
  }
}
