package io.bttspeed.wallet.channel;

import io.bttspeed.tron.id.TxId;
import io.bttspeed.wallet.chain.BroadcastResult;
import io.bttspeed.wallet.chain.CallRejectedException;
import io.bttspeed.wallet.chain.ChannelGateway;
import io.bttspeed.wallet.chain.ChannelGateway.CallOutcome;
import io.bttspeed.wallet.chain.SignedTransaction;
import io.bttspeed.wallet.error.NodeUnavailableException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends a stored, signed channel transaction and waits for its block, sending it again every few
 * seconds meanwhile: a node that restarts forgets what was waiting for a block, and a node that
 * goes away after taking it is retried rather than the call failed, until the call's timeout.
 */
final class ChannelBroadcasts {

  private static final Duration POLL = Duration.ofMillis(20);

  /** How often a transaction not yet in a block is sent again. */
  static final Duration RESEND_EVERY = Duration.ofSeconds(3);

  private final ChannelGateway gateway;
  private final ChannelConfig config;

  /** The transactions a call of this process is waiting for: nobody else need send them. */
  private final Set<TxId> awaiting = ConcurrentHashMap.newKeySet();

  ChannelBroadcasts(ChannelGateway gateway, ChannelConfig config) {
    this.gateway = gateway;
    this.config = config;
  }

  /**
   * Signs the call, stores it through the journal, sends it and waits for its block, telling the
   * journal how it ended: in a block (succeeded or not) or refused by the node.
   */
  CallOutcome submit(ChannelChain.Checked call, ChannelChain.Journal journal) {
    SignedTransaction tx;
    try {
      tx =
          gateway.signCall(
              call.key(), call.contract(), call.data(), call.tokenValue(), config.feeLimitSun());
    } catch (CallRejectedException e) {
      throw new ChannelException(call.id(), ChannelException.Reason.CHAIN_REJECTED, e.reason());
    }
    if (!journal.signed(call.kind(), tx)) {
      throw new ChannelException(
          call.id(),
          ChannelException.Reason.CHAIN_REJECTED,
          "the open was given up while it was being prepared; nothing was sent, retry it");
    }
    CallOutcome out = sendAndAwait(tx, config.callTimeout());
    if (out.blockNumber() > 0) {
      // In a block, reverted or not: its fee is burned, so the history shows it either way.
      journal.landed(
          new ChannelTransaction.Sent(
              call.kind(),
              tx.txid(),
              out.blockNumber(),
              out.succeeded(),
              out.feeSun(),
              out.resources()));
    } else {
      journal.refused(tx.txid());
    }
    return out;
  }

  /**
   * The transaction's outcome once it is in a block; a failed outcome with block number 0 if the
   * node refuses it for good (it will never land). Throws {@link NodeUnavailableException} if it is
   * in no block after {@code timeout}: it may still land until it expires.
   */
  CallOutcome sendAndAwait(SignedTransaction tx, Duration timeout) {
    awaiting.add(tx.txid());
    try {
      // A node that cannot be reached at all fails the call at once, as before anything was
      // stored; the transaction stays stored for whoever sends it again.
      Optional<CallOutcome> settled = send(tx);
      if (settled.isPresent()) {
        return settled.get();
      }
      return await(tx, timeout);
    } finally {
      awaiting.remove(tx.txid());
    }
  }

  /** Whether a call of this process is waiting for the transaction (and sending it again). */
  boolean isAwaited(TxId txid) {
    return awaiting.contains(txid);
  }

  private CallOutcome await(SignedTransaction tx, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    long nextSend = System.nanoTime() + RESEND_EVERY.toNanos();
    NodeUnavailableException lastFailure = null;
    while (true) {
      try {
        if (System.nanoTime() - nextSend >= 0) {
          nextSend = System.nanoTime() + RESEND_EVERY.toNanos();
          Optional<CallOutcome> settled = send(tx);
          if (settled.isPresent()) {
            return settled.get();
          }
        }
        Optional<CallOutcome> out = gateway.callOutcome(tx.txid());
        if (out.isPresent()) {
          return out.get();
        }
      } catch (NodeUnavailableException e) {
        // The node is away (restarting, say): the transaction is stored, so keep at it.
        lastFailure = e;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new NodeUnavailableException(
            "transaction "
                + tx.txid()
                + " was sent but is in no block after "
                + timeout.toSeconds()
                + " s; it is stored and will be sent again until it lands or expires"
                + (lastFailure == null
                    ? ""
                    : " (the node last said: " + lastFailure.getMessage() + ")"),
            lastFailure);
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
  }

  /**
   * Sends the transaction once; empty when the node took it (or already has it). When the node
   * refuses it: its outcome if it is in a block after all, else a failed outcome with block 0.
   */
  Optional<CallOutcome> send(SignedTransaction tx) {
    if (gateway.broadcast(tx) instanceof BroadcastResult.Rejected rejected) {
      // Refused, for example as expired: unless it is already in a block it never lands.
      Optional<CallOutcome> landed = gateway.callOutcome(tx.txid());
      if (landed.isPresent()) {
        return landed;
      }
      return Optional.of(
          new CallOutcome(Optional.of(tx.txid()), 0, false, rejected.reason(), new byte[0], 0));
    }
    return Optional.empty();
  }
}
