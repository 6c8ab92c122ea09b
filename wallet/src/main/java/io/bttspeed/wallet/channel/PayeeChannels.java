package io.bttspeed.wallet.channel;

import io.bttspeed.contracts.channel.ChannelState;
import io.bttspeed.contracts.voucher.VoucherSignature;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.wallet.accounts.Wallets;
import io.bttspeed.wallet.error.InvalidArgumentException;
import io.bttspeed.wallet.error.NotFoundException;
import io.bttspeed.wallet.error.WalletException;
import io.bttspeed.wallet.id.WalletId;
import io.bttspeed.wallet.keys.TronKey;
import io.bttspeed.wallet.store.Principal;
import io.bttspeed.wallet.store.Scope;
import io.bttspeed.wallet.store.WalletRecord;
import java.math.BigInteger;
import java.time.Instant;
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

  PayeeChannels(ChannelLedger ledger, Wallets wallets, ChannelConfig config) {
    this(ledger, wallets, config, ChannelMetrics.none());
  }

  PayeeChannels(
      ChannelLedger ledger, Wallets wallets, ChannelConfig config, ChannelMetrics metrics) {
    this.ledger = ledger;
    this.wallets = wallets;
    this.config = config;
    this.metrics = metrics;
  }

  public Accepted accept(Principal caller, WalletId walletId, IncomingVoucher v) {
    return metrics.timeAccept(
        () -> {
          Accepted accepted;
          try {
            accepted = acceptVoucher(caller, walletId, v);
          } catch (WalletException refusal) {
            metrics.voucherRefused(refusal);
            throw refusal;
          }
          metrics.voucherAccepted();
          return accepted;
        });
  }

  private Accepted acceptVoucher(Principal caller, WalletId walletId, IncomingVoucher v) {
    ChannelId id = v.channelId();
    VoucherSignature sig;
    try {
      sig = VoucherSignature.of(v.signature());
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException(
          "channel " + id.hex() + ": bad signature: " + e.getMessage());
    }
    ChannelLedger.Slot s =
        ledger.find(walletId, id).orElseGet(() -> firstVoucher(caller, walletId, v, sig));
    if (!s.record().principalId().equals(caller.id())) {
      throw new NotFoundException("no channel " + id.hex() + " for wallet " + walletId);
    }
    if (s.record().role() != ChannelRole.PAYEE) {
      throw new ChannelException(
          id, ChannelException.Reason.NOT_PAYEE, "wallet " + walletId + " is its payer");
    }
    if (!s.record().hub().equals(v.hub())) {
      throw new ChannelException(
          id,
          ChannelException.Reason.WRONG_ASSET,
          "the voucher names contract " + v.hub() + ", the channel is on " + s.record().hub());
    }
    s.lock.lock();
    try {
      ChannelRecord r = s.record();
      // Compared as units until it is known to be within the deposit: a hostile total past what the
      // asset can carry is a voucher over the deposit, like any other.
      if (v.cumulative().compareTo(r.cumulative().units()) <= 0) {
        return new Accepted(r.cumulative(), Amount.zero(r.asset()));
      }
      requireAccepting(r);
      if (v.cumulative().compareTo(r.deposit().units()) > 0) {
        r = refresh(s);
        if (v.cumulative().compareTo(r.cumulative().units()) <= 0) {
          // Another voucher moved the mark past this one while the lock was released for the chain
          // read.
          return new Accepted(r.cumulative(), Amount.zero(r.asset()));
        }
        requireAccepting(r);
        requireWithinDeposit(r, v);
      }
      requireSignedByPayer(r, v, sig);
      Amount previous = r.cumulative();
      ChannelRecord updated = ledger.recordVoucher(s, new Amount(r.asset(), v.cumulative()), sig);
      return new Accepted(updated.cumulative(), updated.cumulative().minus(previous));
    } finally {
      s.lock.unlock();
    }
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

  /**
   * The first voucher of a channel this wallet has no row for: the channel is read from the chain
   * and the voucher checked in full against it (accepting, within the deposit, signed by the payer)
   * before the row is stored, so a refused voucher leaves nothing behind.
   */
  private ChannelLedger.Slot firstVoucher(
      Principal caller, WalletId walletId, IncomingVoucher v, VoucherSignature sig) {
    ChannelId id = v.channelId();
    WalletRecord wallet = wallets.get(caller, walletId);
    ChannelHub hub = ledger.hubs().forVoucher(id, v.hub());
    ChannelState onChain = ledger.chain().read(hub, id, wallet.address());
    if (!onChain.exists()) {
      throw new ChannelException(
          id,
          ChannelException.Reason.UNKNOWN_CHANNEL,
          "contract " + hub.address() + " has no such channel");
    }
    if (onChain.closed()) {
      throw new ChannelException(id, ChannelException.Reason.CLOSED, "closed on chain");
    }
    if (!hub.holds(onChain.asset())) {
      // SpeedChannels takes any TRC-20 token: a channel funded with some other token pays nothing
      // of value.
      throw new ChannelException(
          id,
          ChannelException.Reason.WRONG_ASSET,
          "its deposit is "
              + onChain.asset()
              + ", this wallet accepts "
              + hub.asset().key()
              + " on "
              + hub.address());
    }
    TronAddress payee = ChannelHub.tron(onChain.payee());
    if (!payee.equals(wallet.address())) {
      throw new ChannelException(
          id,
          ChannelException.Reason.NOT_PAYEE,
          "it pays " + payee + ", not wallet " + walletId + " (" + wallet.address() + ")");
    }
    ChannelRecord record =
        new ChannelRecord(
            0,
            caller.id(),
            walletId,
            id,
            ChannelRole.PAYEE,
            hub.address(),
            hub.asset(),
            ChannelHub.tron(onChain.payer()),
            payee,
            new Amount(hub.asset(), onChain.deposit()),
            new Amount(hub.asset(), onChain.paidOut()),
            new Amount(hub.asset(), onChain.paidOut()),
            onChain.expiresAt(),
            ChannelStatus.OPEN,
            Optional.empty(),
            ledger.nowMs());
    requireAccepting(record);
    requireWithinDeposit(record, v);
    requireSignedByPayer(record, v, sig);
    return ledger.adopt(ledger.store().insertOrGet(record, ChannelEventKind.OPENED));
  }

  /** The voucher against the deposit as last read from the chain. */
  private static void requireWithinDeposit(ChannelRecord r, IncomingVoucher v) {
    if (v.cumulative().compareTo(r.deposit().units()) > 0) {
      throw new ChannelException(
          r.channelId(),
          ChannelException.Reason.DEPOSIT_EXHAUSTED,
          "the voucher is for "
              + v.cumulative()
              + ", the deposit on chain is "
              + r.deposit().units());
    }
  }

  private void requireSignedByPayer(ChannelRecord r, IncomingVoucher v, VoucherSignature sig) {
    Optional<TronAddress> signer = ledger.signer(r).signer(r.channelId(), v.cumulative(), sig);
    if (signer.isEmpty() || !signer.get().equals(r.payer())) {
      throw new InvalidArgumentException(
          "channel "
              + r.channelId().hex()
              + ": bad signature: it was not made by the payer "
              + r.payer()
              + " over this channel, amount and contract");
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

  private ChannelRecord refresh(ChannelLedger.Slot s) {
    s.lock.unlock();
    try {
      s.chainLock.lock();
      try {
        return ledger.reconcile(s);
      } finally {
        s.chainLock.unlock();
      }
    } finally {
      s.lock.lock();
    }
  }

  private void requireAccepting(ChannelRecord r) {
    if (r.status() == ChannelStatus.CLOSING) {
      throw new ChannelException(
          r.channelId(), ChannelException.Reason.CLOSING, "a close is under way");
    }
    if (r.status() == ChannelStatus.CLOSED) {
      throw new ChannelException(r.channelId(), ChannelException.Reason.CLOSED, "");
    }
    Instant chainNow = ledger.now();
    if (!chainNow.plus(config.expiryMargin()).isBefore(r.expiresAt())) {
      throw new ChannelException(
          r.channelId(),
          ChannelException.Reason.EXPIRED,
          "it expires at "
              + r.expiresAt()
              + ", within the "
              + config.expiryMargin()
              + " this wallet needs to redeem a voucher (the chain's time is "
              + chainNow
              + "); ask the payer to extend it");
    }
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
