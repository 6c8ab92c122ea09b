package io.bttspeed.wallet.error;

/** No bearer token, or one the service does not know. */
public final class UnauthenticatedException extends WalletException {

  private static final long serialVersionUID = 1L;

  public UnauthenticatedException(String message) {
    super(message);
  }

  public UnauthenticatedException(String message, Throwable cause) {
    super(message, cause);
  }
}
