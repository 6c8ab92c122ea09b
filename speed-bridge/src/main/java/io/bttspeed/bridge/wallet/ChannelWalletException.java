package io.bttspeed.bridge.wallet;

/** A wallet refused or could not do what the Speed protocol asked; the reason says which. */
public final class ChannelWalletException extends RuntimeException {

  /**
   * Why; each maps onto a {@code bt_speed} {@code reject} code, except {@code UNAVAILABLE} and
   * {@code FUNDS}.
   */
  public enum Reason {
    /** Unknown, foreign (not to us / not on this hub), or not open. {@code bad_channel}. */
    BAD_CHANNEL,
    /** Signature or hub does not match. {@code bad_voucher}. */
    BAD_VOUCHER,
    /** Not above what is already stored. {@code stale_voucher}. */
    STALE_VOUCHER,
    /** More than the deposit. {@code over_deposit}. */
    OVER_DEPOSIT,
    /** Expires within the wallet's safety margin. {@code expiring}. */
    EXPIRING,
    /** The wallet cannot pay (balance or allowance too low): the leecher stops bidding. */
    FUNDS,
    /** The wallet or its node did not answer; worth retrying later. */
    UNAVAILABLE
  }

  private final Reason reason;

  public ChannelWalletException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public ChannelWalletException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
