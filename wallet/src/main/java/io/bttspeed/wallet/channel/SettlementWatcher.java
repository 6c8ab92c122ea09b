package io.bttspeed.wallet.channel;

import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.supervision.Supervisor;
import io.bttspeed.wallet.error.WalletException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every unclosed channel in line with the chain, settles the payee's channels by the policy,
 * and takes back the payer's deposits of expired channels. Which channels changed on chain it
 * learns from the hubs' events in each new block, so a round costs a few block reads, not one read
 * per channel. All its state is in the database, so after a restart it picks up where it was:
 * {@link #start} first reconciles every channel, then checks them every {@code checkInterval}. A
 * channel another operation is busy with is skipped for that round.
 */
public final class SettlementWatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SettlementWatcher.class);
  private static final String THREAD = "channel-settlement";

  private final ChannelLedger ledger;
  private final PayerChannels payer;
  private final PayeeChannels payee;
  private final SettlementPolicy policy;
  private final boolean autoReclaim;
  private final HubEventScanner events;
  private final ScheduledExecutorService executor;

  /**
   * Every this many rounds every channel is read anyway (5 minutes at the default interval), in
   * case a block the scan read was later replaced.
   */
  static final int FULL_ROUND_EVERY = 30;

  private int roundsSinceFull;

  SettlementWatcher(
      ChannelLedger ledger,
      PayerChannels payer,
      PayeeChannels payee,
      SettlementPolicy policy,
      boolean autoReclaim,
      HubEventScanner events) {
    this.ledger = ledger;
    this.events = events;
    this.payer = payer;
    this.payee = payee;
    this.policy = policy;
    this.autoReclaim = autoReclaim;
    this.executor = Supervisor.process().singleThreadScheduler(THREAD);
  }

  /** Reconciles every unclosed channel with the chain now, then starts the periodic checks. */
  public void start() {
    tick(false);
    long ms = policy.checkInterval().toMillis();
    Supervisor.process().every(executor, THREAD, () -> tick(true), ms, ms, TimeUnit.MILLISECONDS);
  }

  /**
   * One round over every unclosed channel; with {@code settle}, due payee channels are settled and,
   * with auto-reclaim on, the deposits of payer channels expired by the chain's time are reclaimed.
   * A channel is read from the chain only when the hubs' events touched it since the last round, it
   * is opening or closing, or this is a full round (without {@code settle}, every {@link
   * #FULL_ROUND_EVERY} rounds, and whenever the event scan cannot say).
   */
  public synchronized void tick(boolean settle) {
    try {
      ledger.unlanded().resendAll();
    } catch (RuntimeException e) {
      LOG.warn("could not send the pending channel transactions again: {}", e.getMessage());
    }
    Optional<Set<ChannelId>> touched = touched(settle);
    for (ChannelRecord r : ledger.store().unclosed()) {
      try {
        ChannelLedger.Slot s = ledger.adopt(r);
        boolean stale =
            touched
                .map(
                    ids ->
                        ids.contains(r.channelId())
                            || r.status() == ChannelStatus.OPENING
                            || r.status() == ChannelStatus.CLOSING)
                .orElse(true);
        if (settle && r.role() == ChannelRole.PAYEE) {
          payee
              .settleIfWorth(s, policy, stale)
              .ifPresent(
                  txid ->
                      LOG.info("settled channel {} in transaction {}", r.channelId().hex(), txid));
        } else if (settle && autoReclaim && r.role() == ChannelRole.PAYER) {
          payer
              .reclaimIfExpired(s, stale)
              .ifPresent(
                  txid ->
                      LOG.info(
                          "reclaimed expired channel {} in transaction {}",
                          r.channelId().hex(),
                          txid));
        } else if (stale && s.chainLock.tryLock()) {
          try {
            ledger.reconcile(s);
          } finally {
            s.chainLock.unlock();
          }
        }
      } catch (WalletException e) {
        // A refusal that says what to do (no TRX for the fee, the node away): the message is the
        // news, and a stack trace every round would bury it.
        LOG.warn(
            "channel {}: check failed, retrying next round: {}",
            r.channelId().hex(),
            e.getMessage());
      } catch (RuntimeException e) {
        LOG.warn(
            "channel {}: check failed, retrying next round: {}",
            r.channelId().hex(),
            e.getMessage(),
            e);
      }
    }
  }

  /**
   * The channels to read this round, or empty for all of them. The scan runs on full rounds too, so
   * the next round starts from the blocks after this one.
   */
  private Optional<Set<ChannelId>> touched(boolean settle) {
    Optional<Set<ChannelId>> touched;
    try {
      touched = events.touched();
    } catch (RuntimeException e) {
      LOG.warn(
          "could not read the channel hubs' events, reading every channel: {}", e.getMessage());
      touched = Optional.empty();
    }
    roundsSinceFull++;
    if (!settle || touched.isEmpty() || roundsSinceFull >= FULL_ROUND_EVERY) {
      roundsSinceFull = 0;
      return Optional.empty();
    }
    return touched;
  }

  @Override
  public void close() {
    executor.shutdown();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
