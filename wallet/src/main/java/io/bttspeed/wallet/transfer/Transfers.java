package io.bttspeed.wallet.transfer;

import io.bttspeed.tron.Echo;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.accounts.Wallets;
import io.bttspeed.wallet.chain.BroadcastResult;
import io.bttspeed.wallet.chain.SignedTransaction;
import io.bttspeed.wallet.chain.TransactionDraft;
import io.bttspeed.wallet.chain.TransferIntent;
import io.bttspeed.wallet.chain.TronGateway;
import io.bttspeed.wallet.error.NodeUnavailableException;
import io.bttspeed.wallet.error.NotFoundException;
import io.bttspeed.wallet.id.WalletId;
import io.bttspeed.wallet.store.Principal;
import io.bttspeed.wallet.store.TransferRecord;
import io.bttspeed.wallet.store.TransferStage;
import io.bttspeed.wallet.store.TransferStatus;
import io.bttspeed.wallet.store.TransferStore;
import io.bttspeed.wallet.store.TxidTakenException;
import io.bttspeed.wallet.store.WalletRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The send pipeline: validate, record under the idempotency key, sign, store the signed
 * transaction, broadcast. Each step is persisted before the next, so that after a crash {@link
 * #advance} resumes where the last one stopped and a transaction is signed at most once per
 * transfer.
 */
public final class Transfers {

  private final TransferStore store;
  private final Wallets wallets;
  private final TronGateway gateway;
  private final FeeEstimator fees;
  private final SendChecks checks;
  private final Clock clock;
  private static final Duration REBROADCAST_AFTER = Duration.ofSeconds(10);

  /**
   * How often a send builds its transaction again when another transfer already holds the same id.
   */
  private static final int TXID_ATTEMPTS = 3;

  private final ReentrantLock[] locks = new ReentrantLock[256];
  private final Map<String, Long> acceptedAtMs = new ConcurrentHashMap<>();

  /**
   * What this process's unfinished transfers will spend, by transfer id, until the node refuses or
   * applies them.
   */
  private final Map<String, FeeEstimator.Reservation> reservations = new ConcurrentHashMap<>();

  private final TransferMetrics metrics;

  public Transfers(
      TransferStore store,
      Wallets wallets,
      TronGateway gateway,
      FeeEstimator fees,
      Set<Asset> knownAssets,
      Clock clock) {
    this(store, wallets, gateway, fees, knownAssets, clock, TransferMetrics.none());
  }

  public Transfers(
      TransferStore store,
      Wallets wallets,
      TronGateway gateway,
      FeeEstimator fees,
      Set<Asset> knownAssets,
      Clock clock,
      TransferMetrics metrics) {
    this.metrics = metrics;
    this.store = store;
    this.wallets = wallets;
    this.gateway = gateway;
    this.fees = fees;
    this.checks = new SendChecks(knownAssets);
    this.clock = clock;
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  public FeeEstimate estimate(Principal principal, SendCommand cmd) {
    WalletRecord wallet = wallets.get(principal, cmd.walletId());
    checks.requireSendable(wallet, cmd);
    return fees.quote(wallet.address(), cmd.to(), cmd.amount(), cmd.memo(), cmd.feeLimitSun())
        .fee();
  }

  /**
   * Sends, or returns the transfer already made under the same idempotency key. Throws {@link
   * NodeUnavailableException} if the node fails after the transfer was recorded; it stays PENDING
   * and the tracker finishes it.
   */
  public TransferRecord send(Principal principal, SendCommand cmd) {
    WalletRecord wallet = wallets.get(principal, cmd.walletId());
    checks.requireSendable(wallet, cmd);
    Recorded recorded =
        withLock(
            "key:" + principal.id() + ":" + cmd.idempotencyKey(),
            () -> {
              Optional<TransferRecord> existing =
                  store.findByKey(principal.id(), cmd.idempotencyKey());
              if (existing.isPresent()) {
                return new Recorded(SendChecks.sameRequestOrFail(existing.get(), cmd), false);
              }
              return record(principal, wallet, cmd);
            });
    TransferRecord t = recorded.transfer();
    if (recorded.isNew() && t.stage() == TransferStage.SIGNED) {
      return withLock("transfer:" + t.transferId(), () -> broadcast(t, false));
    }
    if (t.stage() == TransferStage.RECORDED || t.stage() == TransferStage.SIGNED) {
      return advance(t.transferId());
    }
    return t;
  }

  /** A transfer as recorded by a send, and whether this send created it. */
  private record Recorded(TransferRecord transfer, boolean isNew) {}

  /**
   * Checks funds and reserves what the send will spend, then records the transfer and its signed
   * transaction in one commit (unsigned if the node cannot give a reference block now; {@link
   * #advance} signs it later). A transfer another process recorded under the same key meanwhile is
   * returned instead. Nothing can have broadcast a transfer this creates, so its first broadcast
   * needs no look-up.
   */
  private Recorded record(Principal principal, WalletRecord wallet, SendCommand cmd) {
    FeeEstimator.Reservation reservation =
        fees.reserve(wallet.address(), cmd.to(), cmd.amount(), cmd.memo(), cmd.feeLimitSun());
    String id = UUID.randomUUID().toString();
    try {
      TransferRecord stored =
          recordSigned(principal, wallet, cmd, id, reservation.quote().fee().feeLimitSun());
      boolean isNew = stored.transferId().equals(id);
      if (isNew) {
        reservations.put(id, reservation);
      } else {
        fees.release(reservation);
      }
      return new Recorded(SendChecks.sameRequestOrFail(stored, cmd), isNew);
    } catch (RuntimeException e) {
      fees.release(reservation);
      throw e;
    }
  }

  /**
   * Records the transfer, building its transaction again should another transfer already hold its
   * id.
   */
  private TransferRecord recordSigned(
      Principal principal, WalletRecord wallet, SendCommand cmd, String id, long feeLimitSun) {
    TransferIntent intent =
        new TransferIntent(wallet.address(), cmd.to(), cmd.amount(), feeLimitSun, cmd.memo());
    for (int attempt = 1; ; attempt++) {
      Optional<TransactionDraft> draft = draftIfNodeAnswers(intent);
      long now = clock.millis();
      try {
        return store.recordAndSign(
            new TransferRecord(
                0,
                id,
                principal.id(),
                wallet.walletId(),
                cmd.idempotencyKey(),
                cmd.contentHash(),
                cmd.amount(),
                wallet.address(),
                cmd.to(),
                feeLimitSun,
                cmd.memo(),
                TransferStatus.PENDING,
                TransferStage.RECORDED,
                Optional.empty(),
                Optional.empty(),
                0,
                "",
                0,
                0,
                now,
                now),
            inserted -> draft.map(d -> signature(gateway.sign(d, wallets.key(wallet)))));
      } catch (TxidTakenException e) {
        if (attempt == TXID_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /**
   * Takes a transfer as far as the node: signs it if nothing was signed, (re)broadcasts a signed
   * one that is in no block yet. Transfers seen in a block or done are returned unchanged.
   */
  public TransferRecord advance(String transferId) {
    return withLock(
        "transfer:" + transferId,
        () -> {
          TransferRecord t = store.findById(transferId).orElseThrow();
          boolean signedEarlier = t.stage() == TransferStage.SIGNED;
          if (signedEarlier && landed(t)) {
            // A previous run broadcast it and crashed before noting so; do not broadcast again.
            store.recordBroadcast(t.transferId(), clock.millis());
            return store.findById(transferId).orElseThrow();
          }
          if (t.stage() == TransferStage.RECORDED) {
            t = sign(t);
          }
          if (t.stage() == TransferStage.SIGNED) {
            return broadcast(t, signedEarlier);
          }
          return t;
        });
  }

  /**
   * Signs a transfer recorded unsigned, building its transaction again should another transfer hold
   * its id.
   */
  private TransferRecord sign(TransferRecord t) {
    WalletRecord wallet = wallets.byId(t.walletId());
    TransferIntent intent =
        new TransferIntent(t.from(), t.to(), t.amount(), t.feeLimitSun(), t.memo());
    for (int attempt = 1; ; attempt++) {
      SignedTransaction signed = gateway.buildAndSign(intent, wallets.key(wallet));
      try {
        return store.recordSigned(
            t, signed.txid(), signed.serialized(), signed.expirationMs(), clock.millis());
      } catch (TxidTakenException e) {
        if (attempt == TXID_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** Broadcasts a stored signed transfer; the caller holds the transfer's lock. */
  private TransferRecord broadcast(TransferRecord t, boolean signedEarlier) {
    BroadcastResult result =
        gateway.broadcast(
            new SignedTransaction(
                t.txid().orElseThrow(), t.rawTx().orElseThrow(), t.expirationMs(), 0));
    if (result instanceof BroadcastResult.Rejected rejected && !(signedEarlier && landed(t))) {
      TransferStatus status =
          rejected.code().equals("TRANSACTION_EXPIRATION_ERROR")
              ? TransferStatus.EXPIRED
              : TransferStatus.FAILED;
      acceptedAtMs.remove(t.transferId());
      TransferRecord finished =
          store.finish(t.transferId(), status, rejected.reason(), 0, 0, clock.millis());
      metrics.finished(status);
      Optional.ofNullable(reservations.remove(t.transferId())).ifPresent(fees::release);
      return finished;
    }
    // Not persisted: a crash from here on leaves stage SIGNED, which the tracker resolves by
    // looking the transaction up and re-broadcasting (a duplicate is accepted as such), so one
    // commit fewer per send costs nothing in safety.
    acceptedAtMs.put(t.transferId(), clock.millis());
    Optional.ofNullable(reservations.get(t.transferId())).ifPresent(fees::accepted);
    return t;
  }

  /**
   * The unsigned transaction, or empty when the node cannot give a reference block now: the
   * transfer is then recorded unsigned and {@link #advance} signs it later.
   */
  private Optional<TransactionDraft> draftIfNodeAnswers(TransferIntent intent) {
    try {
      return Optional.of(gateway.draft(intent));
    } catch (NodeUnavailableException e) {
      return Optional.empty();
    }
  }

  private static TransferStore.Signature signature(SignedTransaction signed) {
    return new TransferStore.Signature(signed.txid(), signed.serialized(), signed.expirationMs());
  }

  /** Whether a signed transfer should be broadcast again: not accepted by this process recently. */
  boolean dueForRebroadcast(String transferId) {
    Long accepted = acceptedAtMs.get(transferId);
    return accepted == null || clock.millis() - accepted > REBROADCAST_AFTER.toMillis();
  }

  private boolean landed(TransferRecord t) {
    return gateway.outcome(t.txid().orElseThrow()).isPresent();
  }

  /**
   * Records that a signed transaction is known to the node (found in a block), without
   * broadcasting.
   */
  void markBroadcast(String transferId) {
    withLock(
        "transfer:" + transferId,
        () -> {
          store.recordBroadcast(transferId, clock.millis());
          acceptedAtMs.remove(transferId);
          Optional.ofNullable(reservations.get(transferId)).ifPresent(fees::accepted);
          return null;
        });
  }

  /**
   * Finishes transfers unless already final, in one commit. No per-transfer lock: the store's "not
   * yet DONE" guard lets the first final status win, and a racing re-broadcast of a transfer being
   * confirmed is a harmless duplicate.
   */
  void finishAll(List<TransferStore.Completion> completions) {
    completions.forEach(c -> acceptedAtMs.remove(c.transferId()));
    store.finishAll(completions, clock.millis());
    for (TransferStore.Completion c : completions) {
      metrics.finished(c.status());
      FeeEstimator.Reservation reservation = reservations.remove(c.transferId());
      if (reservation != null) {
        // In a block (confirmed or failed there) it has spent at least its fee; expired, it spent
        // nothing.
        if (c.status() == TransferStatus.EXPIRED) {
          fees.release(reservation);
        } else {
          fees.accepted(reservation);
        }
      }
    }
  }

  public TransferRecord get(Principal principal, String transferId) {
    return store
        .find(principal.id(), transferId)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "no transfer "
                        + Echo.quote(transferId)
                        + " for this token; ListTransfers shows yours"));
  }

  public List<TransferRecord> page(
      Principal principal,
      Optional<WalletId> walletId,
      long indexOffset,
      int max,
      boolean reversed) {
    walletId.ifPresent(id -> wallets.get(principal, id));
    return store.page(principal.id(), walletId, indexOffset, max, reversed);
  }

  /**
   * Striped rather than per name, so the lock table stays bounded; no caller nests two of these
   * locks.
   */
  private <T> T withLock(String name, Supplier<T> work) {
    ReentrantLock lock = locks[Math.floorMod(name.hashCode(), locks.length)];
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }
}
