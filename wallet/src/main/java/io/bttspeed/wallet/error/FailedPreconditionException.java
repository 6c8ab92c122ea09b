package io.bttspeed.wallet.error;

/** The request is valid but the current state forbids it, e.g. a balance too low. */
public non-sealed class FailedPreconditionException extends WalletException {

  private static final long serialVersionUID = 1L;

  public FailedPreconditionException(String message) {
    super(message);
  }

  public FailedPreconditionException(String message, Throwable cause) {
    super(message, cause);
  }
}
