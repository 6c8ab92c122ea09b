package io.bttspeed.wallet.channel;

import io.bttspeed.contracts.channel.ChannelState;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.wallet.accounts.Wallets;
import io.bttspeed.wallet.error.NotFoundException;
import io.bttspeed.wallet.error.WalletException;
import io.bttspeed.wallet.id.WalletId;
import io.bttspeed.wallet.keys.TronKey;
import io.bttspeed.wallet.store.Principal;
import io.bttspeed.wallet.store.Scope;
import java.math.BigInteger;
import java.util.Optional;
import java.util.Set;

/**
 * The payee's side: accepting vouchers from peers and redeeming them on chain. A voucher is
 * acknowledged only after it is stored; the first voucher of a channel is checked against the chain
 * (payee, asset, deposit, not closed, expiry beyond the margin), later ones against that state,
 * refreshed from the chain when a voucher goes above the known deposit (the payer may have topped
 * up).
 */
public final class PayeeChannels {

  /**
   * A voucher as a peer sends it: {@code cumulative} in base units, as the voucher signs them; the
   * asset is the channel's, known once {@code hub} is.
   */
  public record IncomingVoucher(
      TronAddress hub, ChannelId channelId, BigInteger cumulative, byte[] signature) {}

  /**
   * The stored high-water mark after the voucher, and what the voucher added (zero for a replay).
   */
  public record Accepted(Amount cumulative, Amount increment) {}

  private final ChannelLedger ledger;
  private final Wallets wallets;
  private final ChannelConfig config;
  private final ChannelMetrics metrics;
  private final VoucherAcceptance acceptance;

  PayeeChannels(ChannelLedger ledger, Wallets wallets, ChannelConfig config) {
    this(ledger, wallets, config, ChannelMetrics.none());
  }

  PayeeChannels(
      ChannelLedger ledger, Wallets wallets, ChannelConfig config, ChannelMetrics metrics) {
    this.ledger = ledger;
    this.wallets = wallets;
    this.config = config;
    this.metrics = metrics;
    this.acceptance = new VoucherAcceptance(ledger, wallets, config);
  }

  public Accepted accept(Principal caller, WalletId walletId, IncomingVoucher v) {
    return metrics.timeAccept(
        () -> {
          Accepted accepted;
          try {
            accepted = acceptance.accept(caller, walletId, v);
          } catch (WalletException refusal) {
            metrics.voucherRefused(refusal);
            throw refusal;
          }
          metrics.voucherAccepted();
          return accepted;
        });
  }

  /** Redeems the highest voucher; the channel stays open. */
  public PayerChannels.Changed settle(Principal caller, WalletId walletId, ChannelId id) {
    ChannelLedger.Slot s;
    try {
      s = payeeSlot(caller, walletId, id);
    } catch (NotFoundException e) {
      // The row is written with the first voucher: a channel paying this wallet without one has
      // nothing to settle yet, which is not the same as no such channel.
      if (paysWallet(caller, walletId, id)) {
        throw new ChannelException(
            id,
            ChannelException.Reason.NOTHING_TO_SETTLE,
            "no voucher has been accepted on it yet; AcceptVoucher stores the payer's vouchers");
      }
      throw e;
    }
    TronKey key = key(caller, s);
    s.chainLock.lock();
    try {
      ChannelRecord r = ledger.reconcile(s);
      if (r.status() == ChannelStatus.CLOSED) {
        throw new ChannelException(id, ChannelException.Reason.CLOSED, "");
      }
      if (r.unsettled().isZero() || r.signature().isEmpty()) {
        throw new ChannelException(
            id,
            ChannelException.Reason.NOTHING_TO_SETTLE,
            "the chain has paid out " + r.paidOut().units() + " already");
      }
      ChannelCall call = ledger.call(caller.id(), walletId, id);
      TxId txid =
          ledger.chain().settle(key, ledger.hub(r), id, r.cumulative(), r.signature().get(), call);
      return new PayerChannels.Changed(ledger.reconcile(s), Optional.of(txid), call.transactions());
    } finally {
      s.chainLock.unlock();
    }
  }

  /**
   * Redeems the highest voucher and refunds the rest to the payer; no voucher is accepted from here
   * on.
   */
  public PayerChannels.Changed close(Principal caller, WalletId walletId, ChannelId id) {
    ChannelLedger.Slot s = payeeSlot(caller, walletId, id);
    TronKey key = key(caller, s);
    s.chainLock.lock();
    try {
      ChannelRecord before = s.record();
      if (before.status() == ChannelStatus.CLOSED) {
        throw new ChannelException(id, ChannelException.Reason.CLOSED, "");
      }
      // Checked before the channel is marked, so a close refused up front changes nothing; checked
      // again if a voucher came in between, since the close must redeem the highest.
      ChannelChain.Checked call = checkClose(key, before);
      ChannelRecord r = ledger.markClosing(s);
      try {
        if (!r.cumulative().equals(before.cumulative())) {
          call = checkClose(key, r);
        }
        ChannelCall sent = ledger.call(caller.id(), walletId, id);
        TxId txid =
            ledger.chain().close(call, ledger.hub(r).asset(), !r.unsettled().isZero(), sent);
        return new PayerChannels.Changed(
            ledger.reconcile(s), Optional.of(txid), sent.transactions());
      } catch (RuntimeException e) {
        ledger.reconcile(s);
        throw e;
      }
    } finally {
      s.chainLock.unlock();
    }
  }

  /** What {@link #settle} would burn now, with the highest voucher stored; sends nothing. */
  public ChannelFeeEstimator.Estimate estimateSettle(
      Principal caller, WalletId walletId, ChannelId id) {
    ChannelRecord r = payeeSlot(caller, walletId, id).record();
    if (r.status() == ChannelStatus.CLOSED) {
      throw new ChannelException(id, ChannelException.Reason.CLOSED, "");
    }
    if (r.unsettled().isZero() || r.signature().isEmpty()) {
      throw new ChannelException(
          id,
          ChannelException.Reason.NOTHING_TO_SETTLE,
          "the chain has paid out " + r.paidOut().units() + " already");
    }
    ChannelHub hub = ledger.hub(r);
    return ledger
        .chain()
        .estimates()
        .payeeCall(
            ChannelTransaction.Kind.SETTLE,
            r.payee(),
            hub,
            hub.settle(id, r.cumulative().units(), r.signature().get().bytes()));
  }

  /** What {@link #close} would burn now, with the highest voucher stored; sends nothing. */
  public ChannelFeeEstimator.Estimate estimateClose(
      Principal caller, WalletId walletId, ChannelId id) {
    ChannelRecord r = payeeSlot(caller, walletId, id).record();
    if (r.status() == ChannelStatus.CLOSED) {
      throw new ChannelException(id, ChannelException.Reason.CLOSED, "");
    }
    ChannelHub hub = ledger.hub(r);
    byte[] signature =
        !r.unsettled().isZero() && r.signature().isPresent()
            ? r.signature().get().bytes()
            : new byte[0];
    return ledger
        .chain()
        .estimates()
        .payeeCall(
            ChannelTransaction.Kind.CLOSE,
            r.payee(),
            hub,
            hub.close(id, r.cumulative().max(r.paidOut()).units(), signature));
  }

  private ChannelChain.Checked checkClose(TronKey key, ChannelRecord r) {
    return ledger
        .chain()
        .checkClose(
            key,
            ledger.hub(r),
            r.channelId(),
            r.cumulative().max(r.paidOut()),
            !r.unsettled().isZero() ? r.signature() : Optional.empty());
  }

  /**
   * Settles for the watcher: the same as {@link #settle} without a caller, under the same
   * per-channel lock. A channel that is not {@code stale} (no hub event touched it since it was
   * last read) is read from the chain only when its stored state says it is due.
   */
  Optional<TxId> settleIfWorth(ChannelLedger.Slot s, SettlementPolicy policy, boolean stale) {
    ChannelRecord known = s.record();
    if (!stale && (known.signature().isEmpty() || !policy.due(known, ledger.now()))) {
      // Nothing on chain changed it since it was last read, and by what is stored it is not due.
      return Optional.empty();
    }
    if (!s.chainLock.tryLock()) {
      return Optional.empty();
    }
    try {
      ChannelRecord r = ledger.reconcile(s);
      if (r.role() != ChannelRole.PAYEE
          || r.signature().isEmpty()
          || !policy.due(r, ledger.now())) {
        return Optional.empty();
      }
      ChannelHub hub = ledger.hub(r);
      long fee =
          ledger
              .chain()
              .settleFeeSun(r.payee(), hub, r.channelId(), r.cumulative(), r.signature().get());
      if (!policy.worthFee(r, fee)) {
        return Optional.empty();
      }
      // The watcher acts for the channel's owner; Wallets looks a wallet up by its owner's id only.
      TronKey key =
          key(new Principal(r.principalId(), "settlement-watcher", Set.of(Scope.SPEND)), s);
      TxId txid =
          ledger
              .chain()
              .settle(
                  key,
                  hub,
                  r.channelId(),
                  r.cumulative(),
                  r.signature().get(),
                  ledger.call(r.principalId(), r.walletId(), r.channelId()));
      ledger.reconcile(s);
      return Optional.of(txid);
    } finally {
      s.chainLock.unlock();
    }
  }

  /** Whether a channel with this id on one of the hubs pays the caller's wallet. */
  private boolean paysWallet(Principal caller, WalletId walletId, ChannelId id) {
    TronAddress address = wallets.get(caller, walletId).address();
    for (ChannelHub hub : ledger.hubs().hubs()) {
      ChannelState onChain = ledger.chain().read(hub, id, address);
      if (onChain.exists() && ChannelHub.tron(onChain.payee()).equals(address)) {
        return true;
      }
    }
    return false;
  }

  private ChannelLedger.Slot payeeSlot(Principal caller, WalletId walletId, ChannelId id) {
    ChannelLedger.Slot s = ledger.slot(caller, walletId, id);
    if (s.record().role() != ChannelRole.PAYEE) {
      throw new ChannelException(
          id, ChannelException.Reason.NOT_PAYEE, "wallet " + walletId + " is its payer");
    }
    return s;
  }

  private TronKey key(Principal caller, ChannelLedger.Slot s) {
    Optional<TronKey> cached = s.cachedKey();
    if (cached.isPresent()) {
      return cached.get();
    }
    TronKey key = wallets.key(wallets.get(caller, s.record().walletId()));
    s.cacheKey(key);
    return key;
  }
}
