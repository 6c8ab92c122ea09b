package io.bttspeed.wallet.error;

/** The request is malformed whatever the state: a bad address, amount, asset or key. */
public final class InvalidArgumentException extends WalletException {

  private static final long serialVersionUID = 1L;

  public InvalidArgumentException(String message) {
    super(message);
  }

  public InvalidArgumentException(String message, Throwable cause) {
    super(message, cause);
  }
}
