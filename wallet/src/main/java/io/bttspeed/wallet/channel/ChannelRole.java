package io.bttspeed.wallet.channel;

/** Which side of a channel a wallet of this service is on. */
public enum ChannelRole {
  /** Locked the deposit and signs vouchers. */
  PAYER,
  /** Receives vouchers and redeems them on chain. */
  PAYEE
}
