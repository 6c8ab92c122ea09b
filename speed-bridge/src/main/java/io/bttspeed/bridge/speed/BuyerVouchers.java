package io.bttspeed.bridge.speed;

import io.bttspeed.bridge.accounting.BuyerLedgers;
import io.bttspeed.bridge.accounting.LedgerKey;
import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.protocol.SpeedMessage.Receipt;
import io.bttspeed.bridge.protocol.SpeedMessage.Voucher;
import io.bttspeed.bridge.wallet.ChannelView;
import io.bttspeed.bridge.wallet.ChannelWallet;
import io.bttspeed.bridge.wallet.ChannelWalletException;
import io.bttspeed.bridge.wallet.SignedVoucher;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.money.Amount;
import java.math.BigInteger;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The buyer's vouchers, from a channel's first use after a start to the seller's receipt: one
 * voucher per verified piece for what the ledgers owe, committed before it is signed so that a
 * crash never pays twice; after a restart the channel's newest voucher again, since the last one
 * may never have reached the seller; a payment the wallet refused, again on the tick; a voucher the
 * seller did not receipt, again until it does. Wallet calls run on the worker executor only.
 */
final class BuyerVouchers {
  private static final Logger LOG = LoggerFactory.getLogger(BuyerVouchers.class);

  private final ChannelWallet wallet;
  private final BuyerLedgers ledgers;
  private final Executor worker;
  private final BiFunction<InfoHash, TronAddress, SpeedPeer> payees;
  private final Map<ChannelId, BigInteger> signed = new ConcurrentHashMap<>();
  private final Map<ChannelId, Object> payLocks = new ConcurrentHashMap<>();
  private final Set<ChannelId> reconciled = ConcurrentHashMap.newKeySet();

  /** Channels whose newest voucher goes to the seller once it takes our bid (see firstUse). */
  private final Set<ChannelId> toSend = ConcurrentHashMap.newKeySet();

  /** Channels whose {@link #toSend} signing the wallet refused: the tick tries again. */
  private final Set<ChannelId> signAgain = ConcurrentHashMap.newKeySet();

  private final UnreceiptedVouchers unreceipted = new UnreceiptedVouchers();
  private final PaymentRetries retries = new PaymentRetries();

  /** The last piece each ledger was charged for: what a retried voucher names (informational). */
  private final Map<LedgerKey, Integer> lastVerified = new ConcurrentHashMap<>();

  /**
   * @param payees the connected peer selling a torrent at a TRON address, or null
   */
  BuyerVouchers(
      ChannelWallet wallet,
      BuyerLedgers ledgers,
      Executor worker,
      BiFunction<InfoHash, TronAddress, SpeedPeer> payees) {
    this.wallet = wallet;
    this.ledgers = ledgers;
    this.worker = worker;
    this.payees = payees;
  }

  /** A piece verified and {@code key}'s ledger now owes {@code debt}: a voucher for it. */
  void verified(LedgerKey key, ChannelView channel, int piece, BigInteger debt) {
    lastVerified.put(key, piece);
    if (debt.signum() > 0) {
      worker.execute(() -> pay(key, channel, piece));
    }
  }

  /**
   * The seller took our bid on {@code channel} (a bid_ack): it takes vouchers now. An unreceipted
   * voucher goes again at once (a new session: the seller may have refused the last one), and so
   * does the newest voucher after a restart.
   */
  void bidTaken(SpeedPeer p, ChannelView channel) {
    unreceipted.renew(channel.id());
    if (toSend.remove(channel.id())) {
      worker.execute(() -> signCommitted(p, channel));
    }
  }

  /** Each tick: vouchers the seller did not receipt, and debts no verified piece is paying. */
  void tick(SpeedPeer p) {
    resendUnreceipted(p);
    payOwed(p);
  }

  /**
   * One voucher on {@code channel} for everything now owed to the payee on this torrent; serial per
   * channel.
   */
  private void pay(LedgerKey key, ChannelView channel, int piece) {
    SignedVoucher voucher;
    synchronized (payLocks.computeIfAbsent(channel.id(), c -> new Object())) {
      BigInteger debt = ledgers.get(key).debt();
      if (debt.signum() <= 0) {
        return;
      }
      BigInteger before = signed.getOrDefault(channel.id(), BigInteger.ZERO);
      BigInteger cumulative = before.add(debt);
      // The ledger and the channel's commitment first, in one transaction: a crash before the
      // wallet signs leaves a commitment the restarted node signs (reconcile), so the payee gets
      // what the ledger counts as paid; never paid twice (which signing first could do: the
      // restarted ledger would owe it again).
      ledgers.paid(key, debt, channel.id().hex(), cumulative);
      try {
        voucher = wallet.payUpTo(channel.id(), new Amount(key.asset(), cumulative));
      } catch (ChannelWalletException e) {
        ledgers.unpaid(
            key, debt, channel.id().hex(), before); // refused: owed again, paid by a later voucher
        // Paid by a later voucher, or by the tick if no later piece comes; said once per run of
        // refusals, not for every piece while the wallet is down.
        if (retries.refused(key) == 0) {
          LOG.warn(
              "cannot pay {} on channel {}: {} ({}); trying again",
              key.counterparty(),
              channel.id(),
              e.getMessage(),
              e.reason());
        }
        return;
      }
      signed.put(channel.id(), cumulative);
      retries.paid(key);
    }
    SpeedPeer p = payees.apply(key.torrent(), key.counterparty());
    Voucher message =
        new Voucher(channel.id(), voucher.cumulative().units(), voucher.signature(), piece);
    unreceipted.sent(message);
    if (p != null) {
      p.link.send(message);
    }
  }

  /**
   * The seller stored vouchers up to {@code receipt}'s total: nothing below it needs sending again.
   */
  void onReceipt(Receipt receipt) {
    unreceipted.receipted(receipt);
  }

  /**
   * The first use of a channel since the start: the next voucher's cumulative continues from the
   * highest of what the wallet signed and what the ledgers committed. That total is signed (a
   * commitment above the wallet's is a payment recorded before a crash stopped its signing) and
   * sent once the seller has taken our bid (see {@link #bidTaken}): the last voucher before a crash
   * may never have reached the seller, and without it the payee is left short even if nothing more
   * is owed. The seller receipts a voucher it already has again, at no cost.
   */
  void firstUse(ChannelView channel) {
    if (!reconciled.add(channel.id())) {
      return;
    }
    BigInteger committed = ledgers.committed(channel.id().hex());
    BigInteger walletSigned = channel.cumulative().units();
    synchronized (payLocks.computeIfAbsent(channel.id(), c -> new Object())) {
      signed.merge(channel.id(), walletSigned.max(committed), BigInteger::max);
    }
    if (committed.max(walletSigned).signum() > 0) {
      toSend.add(channel.id());
    }
  }

  /**
   * Signs and sends the channel's whole committed total (idempotent in the wallet if already
   * signed).
   */
  private void signCommitted(SpeedPeer p, ChannelView channel) {
    SignedVoucher voucher;
    synchronized (payLocks.computeIfAbsent(channel.id(), c -> new Object())) {
      BigInteger cumulative = signed.getOrDefault(channel.id(), BigInteger.ZERO);
      try {
        voucher =
            wallet.payUpTo(channel.id(), new Amount(channel.cumulative().asset(), cumulative));
      } catch (ChannelWalletException e) {
        LOG.warn(
            "cannot sign the {} committed before a restart on channel {}: {} ({}); trying again",
            cumulative,
            channel.id(),
            e.getMessage(),
            e.reason());
        signAgain.add(channel.id());
        p.buyerKey().ifPresent(retries::refused);
        return;
      }
    }
    LOG.info(
        "sending {} signed before a restart on channel {}",
        voucher.cumulative().units(),
        channel.id());
    Voucher message =
        new Voucher(channel.id(), voucher.cumulative().units(), voucher.signature(), 0);
    unreceipted.sent(message);
    p.link.send(message);
  }

  /**
   * Sends the channel's newest voucher again if no receipt came for it ({@link
   * UnreceiptedVouchers}).
   */
  private void resendUnreceipted(SpeedPeer p) {
    ChannelView channel;
    synchronized (p) {
      channel = p.ourChannel;
    }
    if (channel != null && p.session.active()) {
      unreceipted.due(channel.id()).ifPresent(p.link::send);
    }
  }

  /**
   * Pays what is owed to the peer if no verified piece is paying it (see {@link PaymentRetries}).
   */
  private void payOwed(SpeedPeer p) {
    ChannelView channel;
    synchronized (p) {
      channel = p.ourChannel;
    }
    Optional<LedgerKey> key = p.buyerKey();
    if (channel == null || key.isEmpty()) {
      return;
    }
    if (signAgain.contains(channel.id())
        && retries.due(key.get())
        && signAgain.remove(channel.id())) {
      worker.execute(() -> signCommitted(p, channel)); // its signing was refused: try again
    } else if (ledgers.get(key.get()).debt().signum() > 0 && retries.due(key.get())) {
      worker.execute(() -> pay(key.get(), channel, lastVerified.getOrDefault(key.get(), 0)));
    }
  }
}
