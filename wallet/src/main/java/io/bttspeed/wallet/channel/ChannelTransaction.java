package io.bttspeed.wallet.channel;

import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.wallet.chain.ChannelGateway.Resources;
import io.bttspeed.wallet.id.WalletId;

/**
 * A transaction a channel call sent, as recorded in the wallet's channel history once it was in a
 * block: whose it is (principal, wallet), which channel, the call it belongs to, and what it cost.
 */
public record ChannelTransaction(
    long index,
    String principalId,
    WalletId walletId,
    ChannelId channelId,
    String callId,
    Sent sent,
    long recordedAtMs) {

  /** What a channel transaction does. */
  public enum Kind {
    /** The TRC-20 approve that lets the hub pull a deposit or top-up. */
    APPROVE,
    OPEN,
    TOP_UP,
    EXTEND,
    SETTLE,
    CLOSE,
    RECLAIM
  }

  /**
   * A transaction as the chain charged it: in block {@code blockNumber}, reverted there unless
   * {@code succeeded}, burning {@code feeSun} in all (bandwidth and energy as {@code resources}).
   */
  public record Sent(
      Kind kind,
      TxId txid,
      long blockNumber,
      boolean succeeded,
      long feeSun,
      Resources resources) {}
}
