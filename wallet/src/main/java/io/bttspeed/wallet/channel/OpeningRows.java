package io.bttspeed.wallet.channel;

import io.bttspeed.tron.money.Amount;
import java.time.Clock;
import java.util.Optional;

/**
 * The rows of opens that never reached the chain: given up (CLOSED) when nothing can still open
 * them, and put back in place (OPENING) when a new open under the same id is about to be sent. Each
 * change is made under the slot's lock.
 */
final class OpeningRows {

  private final ChannelStore store;
  private final UnlandedTransactions unlanded;
  private final Clock clock;

  OpeningRows(ChannelStore store, UnlandedTransactions unlanded, Clock clock) {
    this.store = store;
    this.unlanded = unlanded;
    this.clock = clock;
  }

  /**
   * An OPENING channel the chain does not know is given up as CLOSED only once no open of it can
   * still land or be signed (see {@link UnlandedTransactions#mayGiveUp}), and only if no open was
   * stored meanwhile: the check and the change are one database transaction on the locked row.
   */
  ChannelRecord giveUpIfNeverOpened(ChannelLedger.Slot s) {
    ChannelRecord before = s.record();
    if (!unlanded.mayGiveUp(before)) {
      return before;
    }
    s.lock.lock();
    try {
      ChannelRecord r = s.record();
      Optional<ChannelRecord> gaveUp =
          store.giveUpOpening(
              r,
              clock.millis(),
              PendingChannelTransactions.clearUnlessOpenPending(r.walletId(), r.channelId()));
      s.set(gaveUp.orElseGet(() -> store.findByRow(r.rowId()).orElse(r)));
      return s.record();
    } finally {
      s.lock.unlock();
    }
  }

  /** Gives up an OPENING channel whose open was rejected or used another id: it never existed. */
  ChannelRecord abandon(ChannelLedger.Slot s) {
    s.lock.lock();
    try {
      ChannelRecord r = s.record();
      if (r.status() != ChannelStatus.OPENING) {
        return r;
      }
      ChannelRecord updated =
          store.recordState(
              r.withStatus(ChannelStatus.CLOSED, clock.millis()),
              Optional.of(ChannelEventKind.CLOSED));
      s.set(updated);
      return updated;
    } finally {
      s.lock.unlock();
    }
  }

  /**
   * Puts {@code fresh} (an open about to be sent) in place of the slot's stored row if that row is
   * an earlier open of the same id that never reached the chain and was given up.
   */
  void reviveAbandoned(ChannelLedger.Slot s, ChannelRecord fresh) {
    s.lock.lock();
    try {
      ChannelRecord r = s.record();
      if (r.status() != ChannelStatus.CLOSED || r.role() != ChannelRole.PAYER) {
        return;
      }
      s.set(
          store.recordState(
              r.withChain(
                  fresh.deposit(),
                  Amount.zero(r.asset()),
                  fresh.expiresAt(),
                  ChannelStatus.OPENING,
                  clock.millis()),
              Optional.of(ChannelEventKind.OPENING)));
    } finally {
      s.lock.unlock();
    }
  }
}
