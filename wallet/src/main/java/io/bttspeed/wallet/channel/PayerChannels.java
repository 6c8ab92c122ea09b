package io.bttspeed.wallet.channel;

import io.bttspeed.contracts.voucher.VoucherSignature;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.wallet.accounts.Wallets;
import io.bttspeed.wallet.error.InvalidArgumentException;
import io.bttspeed.wallet.id.WalletId;
import io.bttspeed.wallet.keys.TronKey;
import io.bttspeed.wallet.store.Principal;
import io.bttspeed.wallet.store.WalletRecord;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The payer's side: opening, funding and extending channels, signing vouchers, reclaiming after
 * expiry. A voucher is signed only for a new high-water mark that is already stored, so a crash can
 * lose a signature the caller never received but never lets the service sign below or beside one it
 * handed out.
 */
public final class PayerChannels {

  /**
   * A channel, the transaction that changed it (empty for a request found done on chain after a
   * crash), and every transaction the call sent (a TRC-20 approve before its open or top-up) with
   * what each burned.
   */
  public record Changed(
      ChannelRecord channel, Optional<TxId> txid, List<ChannelTransaction> transactions) {
    public Changed {
      transactions = List.copyOf(transactions);
    }
  }

  /**
   * A signed voucher: the channel after it, what it added, the signature over the new cumulative
   * amount.
   */
  public record Payment(ChannelRecord channel, Amount increment, VoucherSignature signature) {}

  private final ChannelLedger ledger;
  private final Wallets wallets;
  private final ChannelConfig config;

  private final PayerFunding funding;
  private final PayerReclaims reclaims;

  PayerChannels(
      ChannelLedger ledger,
      Wallets wallets,
      ChannelConfig config,
      ChannelRequestStore requests,
      ReclaimStore reclaims) {
    this.ledger = ledger;
    this.reclaims = new PayerReclaims(ledger, wallets, reclaims);
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
      WalletId walletId,
      TronAddress payee,
      Amount deposit,
      Instant expiresAt,
      String idempotencyKey) {
    return funding.open(caller, walletId, payee, deposit, expiresAt, idempotencyKey);
  }

  /**
   * What {@link #open} would burn now, per transaction it would send; sends and stores nothing. The
   * same argument checks as an open, so an estimate is never given for an open that would be
   * refused on its face.
   */
  public List<ChannelFeeEstimator.Estimate> estimateOpen(
      Principal caller, WalletId walletId, TronAddress payee, Amount deposit, Instant expiresAt) {
    WalletRecord wallet = wallets.get(caller, walletId);
    ChannelHub hub = ledger.hubs().forAsset(deposit.asset());
    if (deposit.units().signum() <= 0) {
      throw new InvalidArgumentException("deposit_base_units must be greater than zero");
    }
    if (payee.equals(wallet.address())) {
      throw new InvalidArgumentException(
          "payee_address is the paying wallet itself; a channel needs two parties");
    }
    requireExpiry(ledger, config, expiresAt);
    return ledger
        .chain()
        .estimates()
        .open(wallet.address(), hub, payee, deposit.units(), expiresAt);
  }

  /**
   * Adds {@code amount} base units of the channel's asset to the deposit under the caller's
   * idempotency key, as {@link #open} does.
   */
  public Changed topUp(
      Principal caller, WalletId walletId, ChannelId id, BigInteger amount, String idempotencyKey) {
    return funding.topUp(caller, walletId, id, amount, idempotencyKey);
  }

  public Changed extend(Principal caller, WalletId walletId, ChannelId id, Instant expiresAt) {
    ChannelLedger.Slot s = payerSlot(caller, walletId, id);
    TronKey key = key(caller, s);
    requireNotTooFar(ledger, expiresAt);
    s.chainLock.lock();
    try {
      requireOpen(s.record());
      ChannelCall call = ledger.call(caller.id(), walletId, id);
      TxId txid = ledger.chain().extend(key, ledger.hub(s.record()), id, expiresAt, call);
      return new Changed(ledger.reconcile(s), Optional.of(txid), call.transactions());
    } finally {
      s.chainLock.unlock();
    }
  }

  /**
   * Raises the cumulative amount by {@code increment} base units of the channel's asset and signs
   * it. Serialised per channel: each call gets its own cumulative amount, stored before the
   * signature is returned. A total past what the asset can carry is refused as malformed.
   */
  public Payment pay(Principal caller, WalletId walletId, ChannelId id, BigInteger increment) {
    if (increment.signum() <= 0) {
      throw new InvalidArgumentException("increment_base_units must be greater than zero");
    }
    ChannelLedger.Slot s = payerSlot(caller, walletId, id);
    TronKey key = key(caller, s);
    // A close, reclaim or settle-and-close in a block the node has must be seen before signing.
    ledger.catchUp(s);
    s.lock.lock();
    try {
      ChannelRecord r = s.record();
      return signNext(s, key, r.cumulative().plus(new Amount(r.asset(), increment)));
    } finally {
      s.lock.unlock();
    }
  }

  /**
   * Signs a voucher for the total {@code cumulative}, idempotently: a total above the high-water
   * mark is signed (stored first, as {@link #pay}); a total at or below it pays nothing more and
   * returns the highest voucher already signed, whose amount covers it. So a caller that retries
   * after a lost answer or a crash, or many callers racing towards one total, never sign past what
   * was asked.
   */
  public Payment payUpTo(Principal caller, WalletId walletId, ChannelId id, BigInteger cumulative) {
    if (cumulative.signum() <= 0) {
      throw new InvalidArgumentException("cumulative_base_units must be greater than zero");
    }
    ChannelLedger.Slot s = payerSlot(caller, walletId, id);
    TronKey key = key(caller, s);
    Amount total = new Amount(s.record().asset(), cumulative);
    Optional<Payment> signed = alreadySigned(s.record(), total);
    if (signed.isPresent()) {
      return signed.get();
    }
    ledger.catchUp(s);
    s.lock.lock();
    try {
      signed = alreadySigned(s.record(), total);
      return signed.isPresent() ? signed.get() : signNext(s, key, total);
    } finally {
      s.lock.unlock();
    }
  }

  /** The stored voucher if it already covers {@code cumulative}: the answer to a retry. */
  private static Optional<Payment> alreadySigned(ChannelRecord r, Amount cumulative) {
    if (r.cumulative().compareTo(cumulative) >= 0 && r.signature().isPresent()) {
      return Optional.of(new Payment(r, Amount.zero(r.asset()), r.signature().get()));
    }
    return Optional.empty();
  }

  /**
   * Signs {@code cumulative}, above the stored mark, once it is stored; call with the slot's lock
   * held.
   */
  private Payment signNext(ChannelLedger.Slot s, TronKey key, Amount cumulative) {
    ChannelRecord r = s.record();
    ChannelId id = r.channelId();
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
    Amount increment = cumulative.minus(r.cumulative());
    if (cumulative.compareTo(r.deposit()) > 0) {
      throw new ChannelException(
          id,
          ChannelException.Reason.DEPOSIT_EXHAUSTED,
          "paying "
              + increment.units()
              + " would bring the total to "
              + cumulative.units()
              + ", above the deposit of "
              + r.deposit().units()
              + " ("
              + r.remaining().units()
              + " left); top it up");
    }
    VoucherSignature sig = ledger.signer(r).sign(id, cumulative.units(), key);
    ChannelRecord updated = ledger.recordVoucher(s, cumulative, sig);
    return new Payment(updated, increment, sig);
  }

  /**
   * Takes back the unpaid deposit once the channel has expired by the chain's time; see {@link
   * PayerReclaims#reclaim}.
   */
  public Changed reclaim(Principal caller, WalletId walletId, ChannelId id) {
    return reclaims.reclaim(caller, walletId, id);
  }

  /** For the watcher; see {@link PayerReclaims#reclaimIfExpired}. */
  Optional<TxId> reclaimIfExpired(ChannelLedger.Slot s, boolean stale) {
    return reclaims.reclaimIfExpired(s, stale);
  }

  private ChannelLedger.Slot payerSlot(Principal caller, WalletId walletId, ChannelId id) {
    return payerSlot(ledger, caller, walletId, id);
  }

  static ChannelLedger.Slot payerSlot(
      ChannelLedger ledger, Principal caller, WalletId walletId, ChannelId id) {
    ChannelLedger.Slot s = ledger.slot(caller, walletId, id);
    if (s.record().role() != ChannelRole.PAYER) {
      throw new ChannelException(
          id, ChannelException.Reason.NOT_PAYER, "wallet " + walletId + " is its payee");
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

  /**
   * The expiry of a new channel: far enough beyond the chain's time for the payee to redeem
   * vouchers, and no further than {@link ChannelConfig#MAX_EXPIRY_AHEAD}.
   */
  static void requireExpiry(ChannelLedger ledger, ChannelConfig config, Instant expiresAt) {
    if (!expiresAt.isAfter(ledger.now().plus(config.expiryMargin()))) {
      throw new InvalidArgumentException(
          "expires_at_unix_ms must be later than the chain's time plus the expiry margin ("
              + config.expiryMargin()
              + "), or no voucher could be accepted");
    }
    requireNotTooFar(ledger, expiresAt);
  }

  private static void requireNotTooFar(ChannelLedger ledger, Instant expiresAt) {
    Instant latest = ledger.now().plus(ChannelConfig.MAX_EXPIRY_AHEAD);
    if (expiresAt.isAfter(latest)) {
      throw new InvalidArgumentException(
          "expires_at_unix_ms must be at most "
              + ChannelConfig.MAX_EXPIRY_AHEAD.toDays()
              + " days beyond the chain's time, that is no later than "
              + latest.toEpochMilli()
              + " ("
              + latest
              + "); extend the channel later if it must last longer");
    }
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
