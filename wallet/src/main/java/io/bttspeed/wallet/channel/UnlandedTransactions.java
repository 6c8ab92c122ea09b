package io.bttspeed.wallet.channel;

import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.wallet.chain.ChannelGateway.CallOutcome;
import io.bttspeed.wallet.channel.PendingChannelTransactions.Pending;
import io.bttspeed.wallet.id.WalletId;
import io.bttspeed.wallet.store.Database;
import io.bttspeed.wallet.store.StoreException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channel transactions signed and not yet seen in a block. Each round they are looked up, the
 * deposits among them sent again while they can still land, and all dropped once in a block (then
 * written to the history) or expired. They also decide when an opening channel the chain does not
 * know is given up: only when no open of it can still land, nor be signed by a call still under
 * way.
 */
final class UnlandedTransactions {

  private static final Logger LOG = LoggerFactory.getLogger(UnlandedTransactions.class);

  /**
   * Past its expiration a transaction cannot be in a block whose parent is newer; three blocks more
   * for a node that is slow to build on its head.
   */
  static final Duration EXPIRY_MARGIN = Duration.ofSeconds(9);

  /**
   * How long a call may take, after its approve is in a block (or, for a TRC-10 open, after the
   * channel was recorded), to check, sign and store its open. A slower call finds its channel given
   * up and sends nothing.
   */
  static final Duration OPEN_SIGNING_GRACE = Duration.ofSeconds(30);

  private final PendingChannelTransactions pending;
  private final ChannelTransactionStore history;
  private final ChannelChain chain;
  private final ChainClock chainClock;
  private final Clock clock;

  /** Whether this process is the only one using the database (see {@link Database#exclusive}). */
  private final boolean soleUser;

  private final Set<Opening> preparing = ConcurrentHashMap.newKeySet();

  UnlandedTransactions(
      PendingChannelTransactions pending,
      ChannelTransactionStore history,
      ChannelChain chain,
      ChainClock chainClock,
      boolean soleUser,
      Clock clock) {
    this.pending = pending;
    this.history = history;
    this.chain = chain;
    this.chainClock = chainClock;
    this.soleUser = soleUser;
    this.clock = clock;
  }

  PendingChannelTransactions store() {
    return pending;
  }

  /**
   * One round over every pending transaction: the landed and the expired are dropped, the rest sent
   * again (a restarted node has forgotten them; a restarted wallet had stopped waiting).
   */
  void resendAll() {
    List<Pending> all = pending.all();
    if (all.isEmpty()) {
      return;
    }
    long chainNowMs = chainClock.latest().timeMs();
    for (Pending p : all) {
      if (awaited(p) || settled(p, chainNowMs) || !resent(p.kind())) {
        continue;
      }
      // Settled already when the node refuses it: in a block after all, or never to be.
      chain.broadcasts().send(p.tx()).ifPresent(out -> settle(p, out));
    }
  }

  /**
   * Whether an opening channel the chain does not know (its payer's row) can be given up: no call
   * of this process is preparing or awaiting its open; no open of it is pending that can still
   * land; and, unless this process is the database's only user, no approve of it is pending whose
   * call (in another process) could still sign the open, and that call's last step was longer ago
   * than {@link #OPEN_SIGNING_GRACE}. With the database to itself, a call not in this process is a
   * call that died with an earlier process: nothing will sign the open.
   */
  boolean mayGiveUp(ChannelRecord r) {
    if (preparing.contains(new Opening(r.walletId(), r.channelId()))) {
      return false;
    }
    List<Pending> stored = pending.forChannel(r.walletId(), r.channelId());
    long chainNowMs = stored.isEmpty() ? 0 : chainClock.latest().timeMs();
    for (Pending p : stored) {
      // A call of this process waiting for its approve or open is marked preparing, above.
      boolean open = p.kind() == ChannelTransaction.Kind.OPEN;
      boolean approve = p.kind() == ChannelTransaction.Kind.APPROVE;
      Optional<CallOutcome> out = chain.outcome(p.tx().txid());
      if (settled(p, out, chainNowMs)) {
        if (open) {
          // The open is in a block, yet the channel is not on chain: it failed, or it opened
          // another id because another open for the same payer took this one's nonce.
          if (out.isPresent() && out.get().succeeded()) {
            LOG.warn(
                "channel {}: its open {} is in block {} but opened another channel id (another"
                    + " open for the same payer took its nonce); find it among the payer's"
                    + " channels on chain",
                r.channelId().hex(),
                p.tx().txid(),
                out.get().blockNumber());
          }
          return true;
        }
        continue;
      }
      if (open || (approve && !soleUser)) {
        return false;
      }
    }
    if (soleUser) {
      return true;
    }
    long lastStepMs = Math.max(r.updatedAtMs(), lastRecordedMs(r));
    return clock.millis() - lastStepMs >= OPEN_SIGNING_GRACE.toMillis();
  }

  /**
   * Whether a {@code kind} transaction of the channel, claimed and not seen on chain, is known
   * never to land: this process has the database to itself (so the call that claimed it died with
   * an earlier process; a live one here would hold the request's key) and nothing of that kind is
   * stored that could still land. On a shared database, never known.
   */
  boolean neverLands(ChannelRecord r, ChannelTransaction.Kind kind) {
    if (!soleUser) {
      return false;
    }
    List<Pending> stored = pending.forChannel(r.walletId(), r.channelId());
    long chainNowMs = stored.isEmpty() ? 0 : chainClock.latest().timeMs();
    for (Pending p : stored) {
      if (p.kind() == kind && (awaited(p) || !settled(p, chainNowMs))) {
        return false;
      }
    }
    return true;
  }

  /** Whether this process is the only one using the database: no call elsewhere is under way. */
  boolean soleUser() {
    return soleUser;
  }

  /** A channel an open is being prepared for in this process. */
  private record Opening(WalletId walletId, ChannelId channelId) {}

  /**
   * Marks the channel as being opened by a call of this process, from before its row is written
   * until the call has stored its open or ended: it is not given up meanwhile.
   */
  Preparing preparing(WalletId walletId, ChannelId channelId) {
    Opening o = new Opening(walletId, channelId);
    preparing.add(o);
    return () -> preparing.remove(o);
  }

  /** The mark of {@link #preparing}, removed on close. */
  interface Preparing extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Whether a close or reclaim of the channel is stored that may still land: one its call may still
   * be waiting for, or one neither in a block nor expired.
   */
  boolean mayStillClose(ChannelRecord r) {
    List<Pending> stored = pending.forChannel(r.walletId(), r.channelId());
    long chainNowMs = stored.isEmpty() ? 0 : chainClock.latest().timeMs();
    for (Pending p : stored) {
      if (p.kind() != ChannelTransaction.Kind.CLOSE
          && p.kind() != ChannelTransaction.Kind.RECLAIM) {
        continue;
      }
      if (awaited(p) || !settled(p, chainNowMs)) {
        return true;
      }
    }
    return false;
  }

  /** When the channel's last transaction went into the history, or 0. */
  private long lastRecordedMs(ChannelRecord r) {
    return history
        .page(r.principalId(), Optional.of(r.walletId()), Optional.of(r.channelId()), 0, 1, true)
        .stream()
        .mapToLong(ChannelTransaction::recordedAtMs)
        .max()
        .orElse(0);
  }

  /**
   * Deposits are sent again once their call is over; the rest are only looked up, for the history.
   * An approve whose call is over has no open or top-up coming to spend it. A close or reclaim
   * whose call failed is left to land or expire: the channel stays CLOSING meanwhile ({@link
   * #mayStillClose}), and the payee decides afresh whether to close it again. A settle or extend is
   * for a later round to make afresh.
   */
  private static boolean resent(ChannelTransaction.Kind kind) {
    return kind == ChannelTransaction.Kind.OPEN || kind == ChannelTransaction.Kind.TOP_UP;
  }

  /**
   * Whether a call of this process is waiting for {@code p}: it resends and records its own
   * transactions, so a round leaves them alone.
   */
  private boolean awaited(Pending p) {
    return chain.broadcasts().isAwaited(p.tx().txid());
  }

  private boolean settled(Pending p, long chainNowMs) {
    return settled(p, chain.outcome(p.tx().txid()), chainNowMs);
  }

  /**
   * Drops {@code p} if it is in a block ({@code out}; recording it) or expired; whether it was
   * dropped.
   */
  private boolean settled(Pending p, Optional<CallOutcome> out, long chainNowMs) {
    if (out.isPresent()) {
      settle(p, out.get());
      return true;
    }
    if (chainNowMs >= p.tx().expirationMs() + EXPIRY_MARGIN.toMillis()) {
      LOG.info(
          "channel {}: {} transaction {} expired without reaching a block",
          p.channelId().hex(),
          p.kind(),
          p.tx().txid());
      pending.remove(p.tx().txid());
      return true;
    }
    return false;
  }

  /** Records a transaction that is in a block, unless its call did; drops one refused for good. */
  private void settle(Pending p, CallOutcome out) {
    if (out.blockNumber() > 0) {
      try {
        history.insert(
            p.principalId(),
            p.walletId(),
            p.channelId(),
            p.callId(),
            new ChannelTransaction.Sent(
                p.kind(),
                p.tx().txid(),
                out.blockNumber(),
                out.succeeded(),
                out.feeSun(),
                out.resources()),
            clock.millis());
      } catch (StoreException e) {
        if (!e.isConstraintViolation()) {
          throw e;
        }
        // Its call recorded it already.
      }
    } else {
      LOG.info(
          "channel {}: {} transaction {} was refused by the node: {}",
          p.channelId().hex(),
          p.kind(),
          p.tx().txid(),
          out.failureReason());
    }
    pending.remove(p.tx().txid());
  }
}
