package io.bttspeed.wallet.error;

/** The caller is authenticated but its token lacks the scope the call needs. */
public final class PermissionDeniedException extends WalletException {

  private static final long serialVersionUID = 1L;

  public PermissionDeniedException(String message) {
    super(message);
  }

  public PermissionDeniedException(String message, Throwable cause) {
    super(message, cause);
  }
}
