package io.bttspeed.wallet.channel;

import io.bttspeed.contracts.channel.ChannelId;
import io.bttspeed.contracts.voucher.VoucherSignature;
import io.bttspeed.wallet.accounts.Wallets;
import io.bttspeed.wallet.error.InvalidArgumentException;
import io.bttspeed.wallet.keys.TronAddress;
import io.bttspeed.wallet.keys.TronKey;
import io.bttspeed.wallet.money.Amount;
import io.bttspeed.wallet.store.Principal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Optional;

/**
 * The payer's side: opening, funding and extending channels, signing vouchers, reclaiming after
 * expiry. A voucher is signed only for a new high-water mark that is already stored, so a crash can
 * lose a signature the caller never received but never lets the service sign below or beside one it
 * handed out.
 */
public final class PayerChannels {

  /** A channel and the transaction that changed it. */
  public record Changed(ChannelRecord channel, String txid) {}

  /**
   * A signed voucher: the channel after it, what it added, the signature over the new cumulative
   * amount.
   */
  public record Payment(ChannelRecord channel, BigInteger increment, VoucherSignature signature) {}

  private final ChannelLedger ledger;
  private final Wallets wallets;
  private final ChannelConfig config;

  private final PayerFunding funding;

  PayerChannels(
      ChannelLedger ledger, Wallets wallets, ChannelConfig config, ChannelRequestStore requests) {
    this.ledger = ledger;
    this.wallets = wallets;
    this.config = config;
    this.funding = new PayerFunding(ledger, wallets, config, requests);
  }

  /**
   * Opens a channel under the caller's idempotency key: the same key and content again returns the
   * same channel and never a second deposit; see {@link PayerFunding}.
   */
  public Changed open(
      Principal caller,
      String walletId,
      TronAddress payee,
      Amount deposit,
      Instant expiresAt,
      String idempotencyKey) {
    return funding.open(caller, walletId, payee, deposit, expiresAt, idempotencyKey);
  }

  /** Adds to the deposit under the caller's idempotency key, as {@link #open} does. */
  public Changed topUp(
      Principal caller, String walletId, ChannelId id, BigInteger amount, String idempotencyKey) {
    return funding.topUp(caller, walletId, id, amount, idempotencyKey);
  }

  public Changed extend(Principal caller, String walletId, ChannelId id, Instant expiresAt) {
    ChannelLedger.Slot s = payerSlot(caller, walletId, id);
    TronKey key = key(caller, s);
    s.chainLock.lock();
    try {
      requireOpen(s.record());
      String txid = ledger.chain().extend(key, ledger.hub(s.record()), id, expiresAt);
      return new Changed(ledger.reconcile(s), txid);
    } finally {
      s.chainLock.unlock();
    }
  }

  /**
   * Raises the cumulative amount by {@code increment} and signs it. Serialised per channel: each
   * call gets its own cumulative amount, stored before the signature is returned.
   */
  public Payment pay(Principal caller, String walletId, ChannelId id, BigInteger increment) {
    if (increment.signum() <= 0) {
      throw new InvalidArgumentException("increment_base_units must be greater than zero");
    }
    ChannelLedger.Slot s = payerSlot(caller, walletId, id);
    TronKey key = key(caller, s);
    s.lock.lock();
    try {
      ChannelRecord r = s.record();
      requireOpen(r);
      Instant chainNow = ledger.now();
      if (!chainNow.plus(config.expiryMargin()).isBefore(r.expiresAt())) {
        throw new ChannelException(
            id,
            ChannelException.Reason.EXPIRED,
            "it expires at "
                + r.expiresAt()
                + ", within the "
                + config.expiryMargin()
                + " margin the payee needs to redeem (the chain's time is "
                + chainNow
                + "); extend it first");
      }
      BigInteger cumulative = r.cumulative().add(increment);
      if (cumulative.compareTo(r.deposit()) > 0) {
        throw new ChannelException(
            id,
            ChannelException.Reason.DEPOSIT_EXHAUSTED,
            "paying "
                + increment
                + " would bring the total to "
                + cumulative
                + ", above the deposit of "
                + r.deposit()
                + " ("
                + r.deposit().subtract(r.cumulative())
                + " left); top it up");
      }
      VoucherSignature sig = ledger.signer(r).sign(id, cumulative, key);
      ChannelRecord updated = ledger.recordVoucher(s, cumulative, sig);
      return new Payment(updated, increment, sig);
    } finally {
      s.lock.unlock();
    }
  }

  /** Takes back the unpaid deposit once the channel has expired on chain. */
  public Changed reclaim(Principal caller, String walletId, ChannelId id) {
    ChannelLedger.Slot s = payerSlot(caller, walletId, id);
    TronKey key = key(caller, s);
    s.chainLock.lock();
    try {
      if (s.record().status() == ChannelStatus.CLOSED) {
        throw new ChannelException(id, ChannelException.Reason.CLOSED, "nothing to reclaim");
      }
      Instant chainNow = ledger.now();
      if (!chainNow.isAfter(s.record().expiresAt())) {
        throw new ChannelException(
            id,
            ChannelException.Reason.NOT_EXPIRED,
            "it can be reclaimed after "
                + s.record().expiresAt()
                + " by the chain's time, which is "
                + chainNow);
      }
      ledger.markClosing(s);
      try {
        String txid = ledger.chain().reclaim(key, ledger.hub(s.record()), id);
        return new Changed(ledger.reconcile(s), txid);
      } catch (RuntimeException e) {
        ledger.reconcile(s);
        throw e;
      }
    } finally {
      s.chainLock.unlock();
    }
  }

  private ChannelLedger.Slot payerSlot(Principal caller, String walletId, ChannelId id) {
    return payerSlot(ledger, caller, walletId, id);
  }

  static ChannelLedger.Slot payerSlot(
      ChannelLedger ledger, Principal caller, String walletId, ChannelId id) {
    ChannelLedger.Slot s = ledger.slot(caller, walletId, id);
    if (s.record().role() != ChannelRole.PAYER) {
      throw new ChannelException(
          id, ChannelException.Reason.NOT_PAYER, "wallet '" + walletId + "' is its payee");
    }
    return s;
  }

  private TronKey key(Principal caller, ChannelLedger.Slot s) {
    return key(wallets, caller, s);
  }

  static TronKey key(Wallets wallets, Principal caller, ChannelLedger.Slot s) {
    Optional<TronKey> cached = s.cachedKey();
    if (cached.isPresent()) {
      return cached.get();
    }
    TronKey key = wallets.key(wallets.get(caller, s.record().walletId()));
    s.cacheKey(key);
    return key;
  }

  static void requireOpen(ChannelRecord r) {
    if (r.status() == ChannelStatus.OPENING) {
      throw new ChannelException(
          r.channelId(), ChannelException.Reason.NOT_OPEN_YET, "its open is not on chain yet");
    }
    if (r.status() == ChannelStatus.CLOSING) {
      throw new ChannelException(
          r.channelId(), ChannelException.Reason.CLOSING, "a close or reclaim is under way");
    }
    if (r.status() == ChannelStatus.CLOSED) {
      throw new ChannelException(r.channelId(), ChannelException.Reason.CLOSED, "");
    }
  }
}
