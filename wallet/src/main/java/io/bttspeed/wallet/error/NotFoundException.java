package io.bttspeed.wallet.error;

/**
 * The named wallet or transfer does not exist for this caller (another principal's look the same).
 */
public final class NotFoundException extends WalletException {

  private static final long serialVersionUID = 1L;

  public NotFoundException(String message) {
    super(message);
  }

  public NotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
