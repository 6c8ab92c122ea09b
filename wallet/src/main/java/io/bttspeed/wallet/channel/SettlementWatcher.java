package io.bttspeed.wallet.channel;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every unclosed channel in line with the chain, settles the payee's channels by the
 * policy, and takes back the payer's deposits of expired channels. All its state is in the database, so after a restart it picks up where it was: {@link
 * #start} first reconciles every channel, then checks them every {@code checkInterval}. A channel
 * another operation is busy with is skipped for that round.
 */
public final class SettlementWatcher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SettlementWatcher.class);

  private final ChannelLedger ledger;
  private final PayerChannels payer;
  private final PayeeChannels payee;
  private final SettlementPolicy policy;
  private final boolean autoReclaim;
  private final ScheduledExecutorService executor;

  SettlementWatcher(
      ChannelLedger ledger,
      PayerChannels payer,
      PayeeChannels payee,
      SettlementPolicy policy,
      boolean autoReclaim) {
    this.ledger = ledger;
    this.payer = payer;
    this.payee = payee;
    this.policy = policy;
    this.autoReclaim = autoReclaim;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "channel-settlement");
              t.setDaemon(true);
              return t;
            });
  }

  /** Reconciles every unclosed channel with the chain now, then starts the periodic checks. */
  public void start() {
    tick(false);
    long ms = policy.checkInterval().toMillis();
    executor.scheduleWithFixedDelay(() -> tick(true), ms, ms, TimeUnit.MILLISECONDS);
  }

  /**
   * One round over every unclosed channel; with {@code settle}, due payee channels are settled and,
   * with auto-reclaim on, the deposits of payer channels expired by the chain's time are reclaimed.
   */
  public void tick(boolean settle) {
    for (ChannelRecord r : ledger.store().unclosed()) {
      try {
        ChannelLedger.Slot s = ledger.adopt(r);
        if (settle && r.role() == ChannelRole.PAYEE) {
          payee
              .settleIfWorth(s, policy)
              .ifPresent(
                  txid ->
                      LOG.info("settled channel {} in transaction {}", r.channelId().hex(), txid));
        } else if (settle && autoReclaim && r.role() == ChannelRole.PAYER) {
          payer
              .reclaimIfExpired(s)
              .ifPresent(
                  txid ->
                      LOG.info(
                          "reclaimed expired channel {} in transaction {}",
                          r.channelId().hex(),
                          txid));
        } else if (s.chainLock.tryLock()) {
          try {
            ledger.reconcile(s);
          } finally {
            s.chainLock.unlock();
          }
        }
      } catch (RuntimeException e) {
        LOG.warn(
            "channel {}: check failed, retrying next round: {}",
            r.channelId().hex(),
            e.getMessage(),
            e);
      }
    }
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
