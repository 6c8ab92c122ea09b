package io.bttspeed.wallet.channel;

/** The local life cycle of a channel; the chain has the last word and the reconciler follows it. */
public enum ChannelStatus {
  /**
   * The payer's open was sent (the row is written first, under the id the contract will derive) but
   * is not yet seen on chain; the reconciler makes it OPEN once it is, or CLOSED if it never lands.
   */
  OPENING,
  /** Open on chain: vouchers are signed and accepted. */
  OPEN,
  /** A close or reclaim was sent: no voucher is signed or accepted any more. */
  CLOSING,
  /** Closed or reclaimed on chain. */
  CLOSED
}
