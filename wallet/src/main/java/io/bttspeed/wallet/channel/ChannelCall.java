package io.bttspeed.wallet.channel;

import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.wallet.chain.SignedTransaction;
import io.bttspeed.wallet.id.WalletId;
import io.bttspeed.wallet.store.StoreException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel call's transactions: each is stored as pending once signed, before it is sent (so a
 * restart or a node that forgot it sends it again), and written to the history the moment it is in
 * a block (so a fee burned before a later step fails is never lost), and kept for the call's
 * answer. Used by one thread, the one making the call.
 */
final class ChannelCall implements ChannelChain.Journal {

  private static final Logger LOG = LoggerFactory.getLogger(ChannelCall.class);

  private final ChannelTransactionStore store;
  private final PendingChannelTransactions pending;
  private final String principalId;
  private final WalletId walletId;
  private final LongSupplier nowMs;
  private final String callId = UUID.randomUUID().toString();
  private final List<ChannelTransaction> sent = new ArrayList<>();
  private final Set<ChannelTransaction.Kind> signed = EnumSet.noneOf(ChannelTransaction.Kind.class);
  private ChannelId channelId;

  ChannelCall(
      ChannelTransactionStore store,
      PendingChannelTransactions pending,
      String principalId,
      WalletId walletId,
      ChannelId channelId,
      LongSupplier nowMs) {
    this.store = store;
    this.pending = pending;
    this.principalId = principalId;
    this.walletId = walletId;
    this.channelId = channelId;
    this.nowMs = nowMs;
  }

  @Override
  public boolean signed(ChannelTransaction.Kind kind, SignedTransaction tx) {
    boolean stored =
        pending.insert(
            new PendingChannelTransactions.Pending(
                principalId, walletId, channelId, callId, kind, tx, nowMs.getAsLong()));
    if (stored) {
      signed.add(kind);
    }
    return stored;
  }

  /** Whether a transaction of this kind was signed and stored: it may be sent, so may land. */
  boolean hasSigned(ChannelTransaction.Kind kind) {
    return signed.contains(kind);
  }

  @Override
  public void refused(TxId txid) {
    pending.remove(txid);
  }

  /**
   * Records a transaction that is in a block, succeeded or not: its fee is burned either way. The
   * transaction is on chain whatever the database says, so a history row that cannot be written is
   * logged and the call goes on (its answer still lists the transaction, with index 0), rather than
   * reporting a call that happened as failed.
   */
  @Override
  public void landed(ChannelTransaction.Sent tx) {
    long now = nowMs.getAsLong();
    try {
      sent.add(store.insert(principalId, walletId, channelId, callId, tx, now));
    } catch (StoreException e) {
      LOG.warn(
          "channel {}: transaction {} ({}, {} sun) is in block {} but not in the history: {}",
          channelId.hex(),
          tx.txid(),
          tx.kind(),
          tx.feeSun(),
          tx.blockNumber(),
          e.toString());
      sent.add(new ChannelTransaction(0, principalId, walletId, channelId, callId, tx, now));
    }
    try {
      pending.remove(tx.txid());
    } catch (StoreException e) {
      // Left pending, it is found in its block by the watcher's next round and removed then.
      LOG.warn(
          "channel {}: transaction {} stays listed as pending: {}",
          channelId.hex(),
          tx.txid(),
          e.toString());
    }
  }

  /** The open created another channel than expected: what was recorded moves to it. */
  void movedTo(ChannelId id) {
    if (id.equals(channelId)) {
      return;
    }
    channelId = id;
    store.moveCall(callId, id);
    pending.moveCall(callId, id);
    sent.replaceAll(
        t ->
            new ChannelTransaction(
                t.index(),
                t.principalId(),
                t.walletId(),
                id,
                t.callId(),
                t.sent(),
                t.recordedAtMs()));
  }

  /** The transactions recorded so far, in the order sent. */
  List<ChannelTransaction> transactions() {
    return List.copyOf(sent);
  }
}
