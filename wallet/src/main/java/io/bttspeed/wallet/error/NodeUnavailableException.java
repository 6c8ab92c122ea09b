package io.bttspeed.wallet.error;

/** The TRON node cannot be reached, timed out, or is busy; retrying later may succeed. */
public final class NodeUnavailableException extends WalletException {

  private static final long serialVersionUID = 1L;

  public NodeUnavailableException(String message) {
    super(message);
  }

  public NodeUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
