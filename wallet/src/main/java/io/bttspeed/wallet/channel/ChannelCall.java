package io.bttspeed.wallet.channel;

import io.bttspeed.contracts.channel.ChannelId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * One channel call's transactions as they land: each is written to the history the moment it is in
 * a block (so a fee burned before a later step fails is never lost), and kept for the call's answer.
 * Used by one thread, the one making the call.
 */
final class ChannelCall implements ChannelChain.Landed {

  private final ChannelTransactionStore store;
  private final String principalId;
  private final String walletId;
  private final LongSupplier nowMs;
  private final String callId = UUID.randomUUID().toString();
  private final List<ChannelTransaction> sent = new ArrayList<>();
  private ChannelId channelId;

  ChannelCall(
      ChannelTransactionStore store,
      String principalId,
      String walletId,
      ChannelId channelId,
      LongSupplier nowMs) {
    this.store = store;
    this.principalId = principalId;
    this.walletId = walletId;
    this.channelId = channelId;
    this.nowMs = nowMs;
  }

  /** Records a transaction that is in a block, succeeded or not: its fee is burned either way. */
  @Override
  public void landed(ChannelTransaction.Sent tx) {
    sent.add(store.insert(principalId, walletId, channelId, callId, tx, nowMs.getAsLong()));
  }

  /** The open created another channel than expected: what was recorded moves to it. */
  void movedTo(ChannelId id) {
    if (id.equals(channelId)) {
      return;
    }
    channelId = id;
    store.moveCall(callId, id);
    sent.replaceAll(
        t ->
            new ChannelTransaction(
                t.index(), t.principalId(), t.walletId(), id, t.callId(), t.sent(),
                t.recordedAtMs()));
  }

  /** The transactions recorded so far, in the order sent. */
  List<ChannelTransaction> transactions() {
    return List.copyOf(sent);
  }
}
