package io.bttspeed.wallet.channel;

import io.bttspeed.contracts.channel.ChannelId;
import io.bttspeed.contracts.voucher.VoucherSignature;
import io.bttspeed.wallet.accounts.Wallets;
import io.bttspeed.wallet.error.InvalidArgumentException;
import io.bttspeed.wallet.keys.TronAddress;
import io.bttspeed.wallet.keys.TronKey;
import io.bttspeed.wallet.money.Amount;
import io.bttspeed.wallet.store.Principal;
import io.bttspeed.wallet.store.WalletRecord;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

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

  /**
   * Per payer address: an approve and the open or top-up that spends it must not interleave with
   * another.
   */
  private final ConcurrentHashMap<TronAddress, ReentrantLock> fundingLocks =
      new ConcurrentHashMap<>();

  PayerChannels(ChannelLedger ledger, Wallets wallets, ChannelConfig config) {
    this.ledger = ledger;
    this.wallets = wallets;
    this.config = config;
  }

  public Changed open(
      Principal caller, String walletId, TronAddress payee, Amount deposit, Instant expiresAt) {
    WalletRecord wallet = wallets.get(caller, walletId);
    ChannelHub hub = ledger.hubs().forAsset(deposit.asset());
    if (payee.equals(wallet.address())) {
      throw new InvalidArgumentException(
          "payee_address is the paying wallet itself; a channel needs two parties");
    }
    if (deposit.units().signum() <= 0) {
      throw new InvalidArgumentException("deposit_base_units must be greater than zero");
    }
    if (!expiresAt.isAfter(ledger.now().plus(config.expiryMargin()))) {
      throw new InvalidArgumentException(
          "expires_at_unix_ms must be later than now plus the expiry margin ("
              + config.expiryMargin()
              + "), or no voucher could be accepted");
    }
    TronKey key = wallets.key(wallet);
    ChannelChain.Opened opened;
    ChannelLedger.Slot s;
    ReentrantLock funding =
        fundingLocks.computeIfAbsent(wallet.address(), a -> new ReentrantLock());
    funding.lock();
    try {
      // The row is written before the transaction is sent, under the id the contract will derive,
      // so a crash
      // after sending leaves a channel the reconciler finds on chain rather than a deposit nobody
      // tracks.
      ChannelId expected =
          hub.channelIdOf(wallet.address(), payee, ledger.chain().nonce(hub, wallet.address()));
      s = pending(caller, wallet, hub, expected, payee, deposit, expiresAt);
      s.cacheKey(key);
      try {
        opened = ledger.chain().open(key, hub, payee, deposit.units(), expiresAt);
      } catch (ChannelException e) {
        ledger.abandon(s);
        throw e;
      }
      if (!opened.channelId().equals(expected)) {
        // Another process opened for this payer in between, so this open took the next nonce.
        ledger.abandon(s);
        s = pending(caller, wallet, hub, opened.channelId(), payee, deposit, expiresAt);
        s.cacheKey(key);
      }
    } finally {
      funding.unlock();
    }
    s.chainLock.lock();
    try {
      return new Changed(ledger.reconcile(s), opened.txid());
    } finally {
      s.chainLock.unlock();
    }
  }

  private ChannelLedger.Slot pending(
      Principal caller,
      WalletRecord wallet,
      ChannelHub hub,
      ChannelId id,
      TronAddress payee,
      Amount deposit,
      Instant expiresAt) {
    ChannelRecord record =
        new ChannelRecord(
            0,
            caller.id(),
            wallet.walletId(),
            id,
            ChannelRole.PAYER,
            hub.address(),
            hub.asset(),
            wallet.address(),
            payee,
            deposit.units(),
            BigInteger.ZERO,
            BigInteger.ZERO,
            expiresAt.truncatedTo(ChronoUnit.SECONDS),
            ChannelStatus.OPENING,
            Optional.empty(),
            ledger.nowMs());
    return ledger.adopt(ledger.store().insertOrGet(record, ChannelEventKind.OPENING));
  }

  public Changed topUp(Principal caller, String walletId, ChannelId id, BigInteger amount) {
    if (amount.signum() <= 0) {
      throw new InvalidArgumentException("amount_base_units must be greater than zero");
    }
    ChannelLedger.Slot s = payerSlot(caller, walletId, id);
    TronKey key = key(caller, s);
    s.chainLock.lock();
    try {
      requireOpen(s.record());
      String txid;
      ReentrantLock funding = fundingLocks.computeIfAbsent(key.address(), a -> new ReentrantLock());
      funding.lock();
      try {
        txid = ledger.chain().topUp(key, ledger.hub(s.record()), id, amount);
      } finally {
        funding.unlock();
      }
      return new Changed(ledger.reconcile(s), txid);
    } finally {
      s.chainLock.unlock();
    }
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
      if (!ledger.now().plus(config.expiryMargin()).isBefore(r.expiresAt())) {
        throw new ChannelException(
            id,
            ChannelException.Reason.EXPIRED,
            "it expires at "
                + r.expiresAt()
                + ", within the "
                + config.expiryMargin()
                + " margin the payee needs to redeem; extend it first");
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
      if (!ledger.now().isAfter(s.record().expiresAt())) {
        throw new ChannelException(
            id,
            ChannelException.Reason.NOT_EXPIRED,
            "it can be reclaimed after " + s.record().expiresAt());
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
    ChannelLedger.Slot s = ledger.slot(caller, walletId, id);
    if (s.record().role() != ChannelRole.PAYER) {
      throw new ChannelException(
          id, ChannelException.Reason.NOT_PAYER, "wallet '" + walletId + "' is its payee");
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

  private static void requireOpen(ChannelRecord r) {
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
