package io.bttspeed.wallet.channel;

/** A lifecycle change recorded in the channel event log; single vouchers are not events. */
public enum ChannelEventKind {
  /** The payer is about to send the open transaction. */
  OPENING,
  OPENED,
  TOPPED_UP,
  EXTENDED,
  SETTLED,
  CLOSING,
  CLOSED
}
