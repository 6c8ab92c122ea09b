package io.bttspeed.wallet.channel;

import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.wallet.accounts.Wallets;
import io.bttspeed.wallet.error.NodeUnavailableException;
import io.bttspeed.wallet.id.WalletId;
import io.bttspeed.wallet.keys.TronKey;
import io.bttspeed.wallet.store.Principal;
import io.bttspeed.wallet.store.Scope;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The payer taking back an expired channel's unpaid deposit, asked for or by the settlement
 * watcher. Each reclaim is claimed in the store before it is sent, so it goes out once, also across
 * a restart, and a second is refused while the first may still land.
 */
final class PayerReclaims {
  private final ChannelLedger ledger;
  private final Wallets wallets;
  private final ReclaimStore reclaims;

  PayerReclaims(ChannelLedger ledger, Wallets wallets, ReclaimStore reclaims) {
    this.ledger = ledger;
    this.wallets = wallets;
    this.reclaims = reclaims;
  }

  /**
   * Takes back the unpaid deposit once the channel has expired by the chain's time. Refused while a
   * reclaim sent earlier (by this call or the watcher, also before a restart) may still land.
   */
  PayerChannels.Changed reclaim(Principal caller, WalletId walletId, ChannelId id) {
    ChannelLedger.Slot s = PayerChannels.payerSlot(ledger, caller, walletId, id);
    TronKey key = PayerChannels.key(wallets, caller, s);
    s.chainLock.lock();
    try {
      ChannelRecord r = ledger.reconcile(s);
      if (r.status() == ChannelStatus.CLOSED) {
        throw new ChannelException(id, ChannelException.Reason.CLOSED, "nothing to reclaim");
      }
      Instant chainNow = ledger.now();
      if (!chainNow.isAfter(r.expiresAt())) {
        throw new ChannelException(
            id,
            ChannelException.Reason.NOT_EXPIRED,
            "it can be reclaimed after "
                + r.expiresAt()
                + " by the chain's time, which is "
                + chainNow);
      }
      Optional<Long> sentAt = reclaims.sentAt(r.rowId());
      if (sentAt.isPresent() && mayStillLand(sentAt.get())) {
        throw reclaimInFlight(id, sentAt.get());
      }
      return sendReclaim(s, key, sentAt);
    } finally {
      s.chainLock.unlock();
    }
  }

  /**
   * For the watcher: reclaims a channel this wallet pays on once it has expired by the chain's time
   * and is neither closed nor being reclaimed; the txid if a reclaim was sent. A channel that is
   * not {@code stale} is read from the chain only once its stored expiry has passed.
   */
  Optional<TxId> reclaimIfExpired(ChannelLedger.Slot s, boolean stale) {
    ChannelRecord known = s.record();
    if (!stale
        && (known.status() != ChannelStatus.OPEN || !ledger.now().isAfter(known.expiresAt()))) {
      // Nothing on chain changed it since it was last read, and by what is stored it has not
      // expired.
      return Optional.empty();
    }
    if (!s.chainLock.tryLock()) {
      return Optional.empty();
    }
    try {
      ChannelRecord r = ledger.reconcile(s);
      if (r.role() != ChannelRole.PAYER
          || (r.status() != ChannelStatus.OPEN && r.status() != ChannelStatus.CLOSING)
          || !ledger.now().isAfter(r.expiresAt())) {
        return Optional.empty();
      }
      Optional<Long> sentAt = reclaims.sentAt(r.rowId());
      if (sentAt.isPresent() && mayStillLand(sentAt.get())) {
        return Optional.empty();
      }
      // The watcher acts for the channel's owner; Wallets looks a wallet up by its owner's id only.
      TronKey key =
          PayerChannels.key(
              wallets,
              new Principal(r.principalId(), "settlement-watcher", Set.of(Scope.SPEND)),
              s);
      return sendReclaim(s, key, sentAt).txid();
    } finally {
      s.chainLock.unlock();
    }
  }

  /** Claims the reclaim (persisted before sending, so it is sent once), then sends it. */
  private PayerChannels.Changed sendReclaim(
      ChannelLedger.Slot s, TronKey key, Optional<Long> seenSentAt) {
    ChannelRecord r = s.record();
    // Checked before the claim: a reclaim refused up front changes nothing.
    ChannelChain.Checked call = ledger.chain().checkReclaim(key, ledger.hub(r), r.channelId());
    if (!reclaims.claim(r.rowId(), seenSentAt, ledger.nowMs())) {
      throw reclaimInFlight(r.channelId(), ledger.nowMs());
    }
    ledger.markClosing(s);
    try {
      ChannelCall sent = ledger.call(r.principalId(), r.walletId(), r.channelId());
      TxId txid = ledger.chain().send(call, sent);
      reclaims.done(r.rowId(), txid);
      return new PayerChannels.Changed(ledger.reconcile(s), Optional.of(txid), sent.transactions());
    } catch (ChannelException e) {
      // Refused or reverted: no reclaim is on its way.
      reclaims.release(r.rowId());
      ledger.reconcile(s);
      throw e;
    } catch (RuntimeException e) {
      ledger.reconcile(s);
      throw e;
    }
  }

  private boolean mayStillLand(long sentAtMs) {
    return ledger.nowMs() - sentAtMs <= ledger.inFlightTimeout().toMillis();
  }

  private NodeUnavailableException reclaimInFlight(ChannelId id, long sentAtMs) {
    return new NodeUnavailableException(
        "channel "
            + id.hex()
            + ": a reclaim sent at "
            + Instant.ofEpochMilli(sentAtMs)
            + " is not on chain yet; retry after "
            + Instant.ofEpochMilli(sentAtMs).plus(ledger.inFlightTimeout())
            + " if the channel is still open");
  }
}
