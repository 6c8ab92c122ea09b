package io.bttspeed.wallet.transfer;

import io.bttspeed.wallet.chain.TransactionOutcome;
import io.bttspeed.wallet.chain.TronGateway;
import io.bttspeed.wallet.error.NodeUnavailableException;
import io.bttspeed.wallet.store.TransferRecord;
import io.bttspeed.wallet.store.TransferStage;
import io.bttspeed.wallet.store.TransferStatus;
import io.bttspeed.wallet.store.TransferStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives every unfinished transfer to its end, in the background and after restarts: signs and broadcasts
 * what a crash interrupted, re-broadcasts what the node may have missed, confirms what is solidified, and
 * expires what can no longer land. Expiration is judged by the head block's time, read before looking the
 * transaction up, so that no later block can still include it.
 */
public final class TransferTracker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TransferTracker.class);

  private final TransferStore store;
  private final Transfers transfers;
  private final TronGateway gateway;
  private final Duration interval;
  private final ScheduledExecutorService executor;
  /** When each transfer was last looked up, by head block time; only the tracker thread touches it. */
  private final Map<String, Checked> checked = new HashMap<>();

  private record Checked(long headTimeMs, long atNanos) {}

  /** Even with no new block, look again this often (a node restarted without the transaction, say). */
  private static final Duration RECHECK_IDLE = Duration.ofSeconds(10);

  public TransferTracker(TransferStore store, Transfers transfers, TronGateway gateway, Duration interval) {
    this.store = store;
    this.transfers = transfers;
    this.gateway = gateway;
    this.interval = interval;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "transfer-tracker");
              t.setDaemon(true);
              return t;
            });
  }

  public void start() {
    executor.scheduleWithFixedDelay(this::runOnceLogged, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void runOnceLogged() {
    try {
      runOnce();
    } catch (NodeUnavailableException e) {
      LOG.info("tracker waits for the node: {}", e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("tracker pass failed; retrying next pass", e);
    }
  }

  /** One pass over the unfinished transfers; returns how many are still unfinished afterwards. */
  public synchronized int runOnce() {
    List<TransferRecord> pending = store.unfinished();
    checked.keySet().retainAll(pending.stream().map(TransferRecord::transferId).toList());
    if (pending.isEmpty()) {
      return 0;
    }
    long solidified = gateway.solidifiedBlockNumber();
    long headTime = gateway.headBlockTimeMs();
    List<TransferStore.Completion> completions = new ArrayList<>();
    int left = 0;
    try {
      for (TransferRecord t : pending) {
        if (!track(t, solidified, headTime, completions)) {
          left++;
        }
      }
    } finally {
      transfers.finishAll(completions);
      completions.forEach(c -> checked.remove(c.transferId()));
    }
    return left;
  }

  /** Returns true when the transfer reached a final status (or will, with the completions). */
  private boolean track(
      TransferRecord t, long solidified, long headTimeMs, List<TransferStore.Completion> completions) {
    if (t.stage() == TransferStage.RECORDED) {
      TransferRecord after = transfers.advance(t.transferId());
      return after.stage() == TransferStage.DONE;
    }
    Checked last = checked.get(t.transferId());
    long now = System.nanoTime();
    if (last != null && last.headTimeMs() == headTimeMs && now - last.atNanos() < RECHECK_IDLE.toNanos()) {
      // No new block since the last look: nothing about this transaction can have changed.
      return false;
    }
    checked.put(t.transferId(), new Checked(headTimeMs, now));
    Optional<TransactionOutcome> outcome = gateway.outcome(t.txid().orElseThrow());
    if (outcome.isEmpty()) {
      if (headTimeMs > t.expirationMs()) {
        completions.add(
            new TransferStore.Completion(
                t.transferId(), TransferStatus.EXPIRED, "not in any block before its expiration", 0, 0));
        return true;
      }
      if (t.stage() == TransferStage.SIGNED && transfers.dueForRebroadcast(t.transferId())) {
        return transfers.advance(t.transferId()).stage() == TransferStage.DONE;
      }
      return false;
    }
    TransactionOutcome o = outcome.get();
    if (o.blockNumber() > solidified) {
      if (t.stage() == TransferStage.SIGNED) {
        transfers.markBroadcast(t.transferId());
      }
      return false;
    }
    completions.add(
        new TransferStore.Completion(
            t.transferId(),
            o.succeeded() ? TransferStatus.CONFIRMED : TransferStatus.FAILED,
            o.failureReason(),
            o.feeSun(),
            o.blockNumber()));
    return true;
  }

  /** Lets a running pass finish: interrupting a thread inside H2 file I/O closes the whole database. */
  @Override
  public void close() {
    executor.shutdown();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
