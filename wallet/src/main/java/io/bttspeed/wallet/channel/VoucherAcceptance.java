package io.bttspeed.wallet.channel;

import io.bttspeed.contracts.channel.ChannelState;
import io.bttspeed.contracts.voucher.VoucherSignature;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.wallet.accounts.Wallets;
import io.bttspeed.wallet.channel.PayeeChannels.Accepted;
import io.bttspeed.wallet.channel.PayeeChannels.IncomingVoucher;
import io.bttspeed.wallet.error.InvalidArgumentException;
import io.bttspeed.wallet.error.NotFoundException;
import io.bttspeed.wallet.id.WalletId;
import io.bttspeed.wallet.store.Principal;
import io.bttspeed.wallet.store.WalletRecord;
import java.time.Instant;
import java.util.Optional;

/**
 * The payee's checks of an incoming voucher, and its storing. A voucher is acknowledged only after
 * it is stored; the first voucher of a channel is checked against the chain (payee, asset, deposit,
 * not closed, expiry beyond the margin), later ones against that state, refreshed from the chain
 * when a voucher goes above the known deposit (the payer may have topped up).
 */
final class VoucherAcceptance {
  private final ChannelLedger ledger;
  private final Wallets wallets;
  private final ChannelConfig config;

  VoucherAcceptance(ChannelLedger ledger, Wallets wallets, ChannelConfig config) {
    this.ledger = ledger;
    this.wallets = wallets;
    this.config = config;
  }

  Accepted accept(Principal caller, WalletId walletId, IncomingVoucher v) {
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
}
