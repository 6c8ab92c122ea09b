package io.bttspeed.wallet.error;

/**
 * The server is at a limit it keeps to stay up (e.g. key derivations at once); retrying shortly may
 * succeed.
 */
public final class ResourceExhaustedException extends WalletException {

  private static final long serialVersionUID = 1L;

  public ResourceExhaustedException(String message) {
    super(message);
  }
}
