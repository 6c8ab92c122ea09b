package io.bttspeed.wallet.channel;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.wallet.accounts.Wallets;
import io.bttspeed.wallet.channel.ChannelRequestStore.Request;
import io.bttspeed.wallet.channel.ChannelRequestStore.Stage;
import io.bttspeed.wallet.channel.PayerChannels.Changed;
import io.bttspeed.wallet.error.AlreadyExistsException;
import io.bttspeed.wallet.error.FailedPreconditionException;
import io.bttspeed.wallet.error.InvalidArgumentException;
import io.bttspeed.wallet.error.NodeUnavailableException;
import io.bttspeed.wallet.id.WalletId;
import io.bttspeed.wallet.keys.TronKey;
import io.bttspeed.wallet.store.Principal;
import io.bttspeed.wallet.store.WalletRecord;
import java.math.BigInteger;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The payer's deposits: opening a channel and topping one up, each under the caller's idempotency
 * key. The request is recorded before anything is signed; a retry with the same key returns the
 * first result, and a retry after a crash between steps asks the chain what landed instead of
 * sending again. While a request's transactions may still be on their way (sent less than the
 * in-flight timeout ago and not seen on chain) a retry is told to come back, never sent twice.
 */
final class PayerFunding {

  private final ChannelLedger ledger;
  private final Wallets wallets;
  private final ChannelConfig config;
  private final ChannelRequestStore requests;
  private final ReentrantLock[] keyLocks = new ReentrantLock[256];

  /**
   * Per payer address: an approve and the open or top-up that spends it must not interleave with
   * another.
   */
  private final ConcurrentHashMap<TronAddress, ReentrantLock> fundingLocks =
      new ConcurrentHashMap<>();

  PayerFunding(
      ChannelLedger ledger, Wallets wallets, ChannelConfig config, ChannelRequestStore requests) {
    this.ledger = ledger;
    this.wallets = wallets;
    this.config = config;
    this.requests = requests;
    for (int i = 0; i < keyLocks.length; i++) {
      keyLocks[i] = new ReentrantLock();
    }
  }

  Changed open(
      Principal caller,
      WalletId walletId,
      TronAddress payee,
      Amount deposit,
      Instant expiresAt,
      String idempotencyKey) {
    FundingRequest request =
        FundingRequest.open(walletId, payee, deposit, expiresAt, idempotencyKey);
    WalletRecord wallet = wallets.get(caller, walletId);
    ChannelHub hub = ledger.hubs().forAsset(deposit.asset());
    Payees.require(payee, wallet, ledger.hubs());
    if (deposit.units().signum() <= 0) {
      throw new InvalidArgumentException("deposit_base_units must be greater than zero");
    }
    return withKey(
        caller,
        idempotencyKey,
        () -> {
          Optional<Request> seen = requests.find(caller.id(), idempotencyKey);
          if (seen.isEmpty()) {
            PayerChannels.requireExpiry(ledger, config, expiresAt);
          }
          Request r =
              sameRequestOrFail(
                  seen.orElseGet(
                      () ->
                          requests.insertOrGet(
                              caller.id(), request, Optional.empty(), ledger.nowMs())),
                  request);
          if (r.stage() == Stage.DONE) {
            return replay(caller, r);
          }
          if (r.channelId().isPresent()) {
            Optional<Changed> earlier = resumeOpen(r);
            if (earlier.isPresent()) {
              return earlier.get();
            }
          } else if (r.stage() == Stage.SENDING && !stale(r) && !ledger.unlanded().soleUser()) {
            // Claimed, and nothing signed yet (the channel is linked before anything is): another
            // wallet process may be checking it. With the database to itself, the claim is one
            // this process's key lock would be holding, so it died with an earlier process.
            throw inFlight(r);
          }
          if (seen.isPresent()) {
            // A retry that sends again: the expiry it asked for must still leave room for vouchers.
            PayerChannels.requireExpiry(ledger, config, expiresAt);
          }
          if (!requests.claim(r, Optional.empty(), ledger.nowMs())) {
            throw inFlight(r);
          }
          return send(caller, r, wallet, hub, payee, deposit, expiresAt);
        });
  }

  private Changed send(
      Principal caller,
      Request r,
      WalletRecord wallet,
      ChannelHub hub,
      TronAddress payee,
      Amount deposit,
      Instant expiresAt) {
    TronKey key = wallets.key(wallet);
    ChannelChain.Opened opened;
    ChannelLedger.Slot s;
    ChannelCall call;
    ReentrantLock funding =
        fundingLocks.computeIfAbsent(wallet.address(), a -> new ReentrantLock());
    funding.lock();
    try {
      // Under the funding lock, so that two opens from one payer cannot both count the same tokens.
      try {
        ledger.chain().checkOpen(key, hub, payee, deposit, expiresAt);
      } catch (RuntimeException e) {
        // Nothing was signed: the request leaves no trace, and a retry is checked again.
        requests.forget(r);
        throw e;
      }
      // The row and the request's link to it are written before the transaction is sent, under the
      // id the contract will derive, so a crash after sending leaves a channel the reconciler finds
      // on chain and a retry returns, rather than a deposit nobody tracks.
      ChannelId expected =
          hub.channelIdOf(wallet.address(), payee, ledger.chain().nonce(hub, wallet.address()));
      // Until the open is stored, only this mark tells the watcher that a live call is on it.
      try (UnlandedTransactions.Preparing preparing =
          ledger.unlanded().preparing(wallet.walletId(), expected)) {
        s = pending(caller, wallet, hub, expected, payee, deposit, expiresAt);
        requests.link(r, expected);
        s.cacheKey(key);
        call = ledger.call(caller.id(), wallet.walletId(), expected);
        opened = open(s, r, call, key, hub, payee, deposit, expiresAt);
      }
      if (!opened.channelId().equals(expected)) {
        // Another process opened for this payer in between, so this open took the next nonce.
        ledger.opens().abandon(s);
        s = pending(caller, wallet, hub, opened.channelId(), payee, deposit, expiresAt);
        s.cacheKey(key);
        call.movedTo(opened.channelId());
      }
    } finally {
      funding.unlock();
    }
    s.chainLock.lock();
    try {
      ChannelRecord c = ledger.reconcile(s);
      requests.done(r, opened.channelId(), Optional.of(opened.txid()));
      return new Changed(c, Optional.of(opened.txid()), call.transactions());
    } finally {
      s.chainLock.unlock();
    }
  }

  /** Sends the open; a call that ends before its open could land gives the channel up. */
  private ChannelChain.Opened open(
      ChannelLedger.Slot s,
      Request r,
      ChannelCall call,
      TronKey key,
      ChannelHub hub,
      TronAddress payee,
      Amount deposit,
      Instant expiresAt) {
    try {
      return ledger.chain().open(key, hub, payee, deposit, expiresAt, call);
    } catch (FailedPreconditionException e) {
      // Refused by a check or by the chain: no deposit moved.
      ledger.opens().abandon(s);
      requests.forget(r);
      throw e;
    } catch (RuntimeException e) {
      if (!call.hasSigned(ChannelTransaction.Kind.OPEN)) {
        // The call stopped (the node away through the approve's whole wait, say) before the open
        // was signed: nothing can open the channel, so a retry starts afresh.
        ledger.opens().abandon(s);
        requests.forget(r);
      }
      // Else the stored open is sent again until it lands or expires, and a retry waits for it.
      throw e;
    }
  }

  /**
   * The channel an earlier attempt under this key opened, once the chain has it or while its open
   * may still land; empty if that open never reached the chain and was given up.
   */
  private Optional<Changed> resumeOpen(Request r) {
    ChannelId id = r.channelId().orElseThrow();
    Optional<ChannelLedger.Slot> found = ledger.find(r.walletId(), id);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    ChannelLedger.Slot s = found.get();
    ChannelRecord c;
    s.chainLock.lock();
    try {
      c = ledger.reconcile(s);
    } finally {
      s.chainLock.unlock();
    }
    if (c.status() == ChannelStatus.OPENING) {
      return Optional.of(answer(r, c));
    }
    if (c.status() == ChannelStatus.CLOSED
        && !ledger.chain().read(ledger.hub(c), id, c.payer()).exists()) {
      return Optional.empty();
    }
    requests.done(r, id, r.txid());
    return Optional.of(answer(r, c));
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
            deposit,
            Amount.zero(deposit.asset()),
            Amount.zero(deposit.asset()),
            expiresAt.truncatedTo(ChronoUnit.SECONDS),
            ChannelStatus.OPENING,
            Optional.empty(),
            ledger.nowMs());
    ChannelLedger.Slot s =
        ledger.adopt(ledger.store().insertOrGet(record, ChannelEventKind.OPENING));
    // The id comes from the payer's next nonce, so a stored row under it is an earlier open that
    // never reached the chain: this open takes its place.
    ledger.opens().reviveAbandoned(s, record);
    return s;
  }

  Changed topUp(
      Principal caller, WalletId walletId, ChannelId id, BigInteger amount, String idempotencyKey) {
    FundingRequest request = FundingRequest.topUp(walletId, id, amount, idempotencyKey);
    if (amount.signum() <= 0) {
      throw new InvalidArgumentException("amount_base_units must be greater than zero");
    }
    ChannelLedger.Slot s = PayerChannels.payerSlot(ledger, caller, walletId, id);
    TronKey key = PayerChannels.key(wallets, caller, s);
    Amount added = new Amount(s.record().asset(), amount);
    return withKey(
        caller,
        idempotencyKey,
        () -> {
          Request r =
              sameRequestOrFail(
                  requests
                      .find(caller.id(), idempotencyKey)
                      .orElseGet(
                          () ->
                              requests.insertOrGet(
                                  caller.id(), request, Optional.of(id), ledger.nowMs())),
                  request);
          if (r.stage() == Stage.DONE) {
            return answer(r, s.record());
          }
          s.chainLock.lock();
          try {
            if (r.stage() == Stage.SENDING) {
              ChannelRecord c = ledger.reconcile(s);
              BigInteger target = r.depositBefore().orElseThrow().add(amount);
              if (c.deposit().units().compareTo(target) >= 0) {
                requests.done(r, id, Optional.empty());
                return new Changed(c, Optional.empty(), List.of());
              }
              if (!stale(r) && !ledger.unlanded().neverLands(c, ChannelTransaction.Kind.TOP_UP)) {
                throw inFlight(r);
              }
            }
            ChannelRecord before = ledger.reconcile(s);
            try {
              PayerChannels.requireOpen(before);
            } catch (ChannelException e) {
              requests.forget(r);
              throw e;
            }
            if (!requests.claim(r, Optional.of(before.deposit().units()), ledger.nowMs())) {
              throw inFlight(r);
            }
            TxId txid;
            ChannelCall call = ledger.call(caller.id(), walletId, id);
            ReentrantLock funding =
                fundingLocks.computeIfAbsent(key.address(), a -> new ReentrantLock());
            boolean checked = false;
            funding.lock();
            try {
              // Under the funding lock, so that two top-ups or opens cannot count the same tokens.
              ledger.chain().checkTopUp(key, ledger.hub(before), id, added);
              checked = true;
              txid = ledger.chain().topUp(key, ledger.hub(before), id, added, call);
            } catch (RuntimeException e) {
              // Before the checks passed nothing was signed, and a refusal (by a check or by the
              // chain) moved nothing: the request leaves no trace. A send left unanswered may land.
              if (!checked || e instanceof FailedPreconditionException) {
                requests.forget(r);
              }
              throw e;
            } finally {
              funding.unlock();
            }
            ChannelRecord after = ledger.reconcile(s);
            requests.done(r, id, Optional.of(txid));
            return new Changed(after, Optional.of(txid), call.transactions());
          } finally {
            s.chainLock.unlock();
          }
        });
  }

  private Changed replay(Principal caller, Request r) {
    ChannelRecord c = ledger.slot(caller, r.walletId(), r.channelId().orElseThrow()).record();
    return answer(r, c);
  }

  /** The answer to a retry: the channel, and what the first attempt sent, from the history. */
  private Changed answer(Request r, ChannelRecord c) {
    return new Changed(
        c, r.txid(), r.txid().map(txid -> ledger.callOf(c.principalId(), txid)).orElse(List.of()));
  }

  /** Sent longer ago than any of its transactions could still land: they never will. */
  private boolean stale(Request r) {
    return ledger.nowMs() - r.sentAtMs() > ledger.inFlightTimeout().toMillis();
  }

  private NodeUnavailableException inFlight(Request r) {
    String what = r.kind() == ChannelRequestStore.Kind.OPEN ? "OpenChannel" : "TopUpChannel";
    String channel = r.channelId().map(id -> " for channel " + id.hex()).orElse("");
    return new NodeUnavailableException(
        what
            + " under idempotency_key '"
            + r.idempotencyKey()
            + "'"
            + channel
            + " is being sent and is not on chain yet; retry the same request after "
            + Instant.ofEpochMilli(r.sentAtMs()).plus(ledger.inFlightTimeout())
            + " to get its outcome");
  }

  private static Request sameRequestOrFail(Request existing, FundingRequest request) {
    if (!existing.requestHash().equals(request.contentHash())) {
      throw new AlreadyExistsException(
          "idempotency_key '"
              + request.idempotencyKey()
              + "' was already used for a different "
              + (existing.kind() == ChannelRequestStore.Kind.OPEN ? "OpenChannel" : "TopUpChannel")
              + existing.channelId().map(id -> " (channel " + id.hex() + ")").orElse("")
              + "; choose a new key for a new request");
    }
    return existing;
  }

  /** Striped so the lock table stays bounded; no caller nests two of these. */
  private <T> T withKey(Principal caller, String key, Supplier<T> work) {
    ReentrantLock lock =
        keyLocks[Math.floorMod((caller.id() + "\n" + key).hashCode(), keyLocks.length)];
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }
}
