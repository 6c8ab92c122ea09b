package io.bttspeed.wallet.transfer;

import io.bttspeed.tron.id.TxId;
import io.bttspeed.tron.supervision.Supervisor;
import io.bttspeed.wallet.chain.ChainHead;
import io.bttspeed.wallet.chain.TransactionOutcome;
import io.bttspeed.wallet.chain.TronGateway;
import io.bttspeed.wallet.error.NodeUnavailableException;
import io.bttspeed.wallet.store.TransferRecord;
import io.bttspeed.wallet.store.TransferStage;
import io.bttspeed.wallet.store.TransferStatus;
import io.bttspeed.wallet.store.TransferStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives every unfinished transfer to its end, in the background and after restarts: signs and
 * broadcasts what a crash interrupted, re-broadcasts what the node may have missed, confirms what
 * is solidified, and expires what can no longer land. Expiration is judged by the head block's
 * time, read before looking the transaction up, so that no later block can still include it.
 *
 * <p>Steady state costs node calls per block, not per transfer: each new block's transactions are
 * read once (to know what landed) and each newly solidified block's outcomes once (to confirm).
 * Transfers are looked up one by one only on the first pass, after falling far behind, or when one
 * seems to have expired.
 */
public final class TransferTracker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TransferTracker.class);
  private static final String THREAD = "transfer-tracker";

  /**
   * Further behind than this many blocks, looking each transfer up is cheaper than reading every
   * block.
   */
  private static final long MAX_BLOCKS_PER_PASS = 64;

  /**
   * Up to this many unfinished transfers, looking each up is cheaper than reading whole blocks (a
   * mainnet block's transaction infos run to hundreds of kilobytes, read twice: as head and once
   * solidified).
   */
  private static final int LOOK_UP_EACH_UP_TO = 16;

  /** How often the work list is read whole rather than extended by what is new. */
  private static final Duration FULL_READ_EVERY = Duration.ofSeconds(60);

  private final int lookUpEachUpTo;
  private final TransferStore store;
  private final Transfers transfers;
  private final TronGateway gateway;
  private final Duration interval;
  private final Supervisor supervisor;
  private final ScheduledExecutorService executor;

  // Only the tracker's passes (synchronized) touch these.
  /** Blocks up to here have been read for landed transactions; -1 before the first pass. */
  private long headScanned = -1;

  /** Solidified blocks up to here have been read for outcomes; -1 before the first pass. */
  private long solidScanned = -1;

  /** Pending transactions seen in a block that is not solidified yet, with that block's number. */
  private final Map<TxId, Long> landed = new HashMap<>();

  /** The unfinished transfers, oldest first, as last read or advanced by this tracker. */
  private final Map<String, TransferRecord> work = new LinkedHashMap<>();

  /** The highest creation index read into {@link #work}. */
  private long workIndex;

  /**
   * When everything unfinished was last read; long enough ago at start that the first pass reads it
   * all.
   */
  private long workReadAtNanos = System.nanoTime() - FULL_READ_EVERY.toNanos() - 1;

  /**
   * Blocks between the head last seen and the last block read for this process's transfers: 0 when
   * caught up or with nothing to track; it grows while passes fail or fall behind. Read by the lag
   * gauge.
   */
  private volatile long lagBlocks;

  public TransferTracker(
      TransferStore store, Transfers transfers, TronGateway gateway, Duration interval) {
    this(store, transfers, gateway, interval, LOOK_UP_EACH_UP_TO);
  }

  /**
   * As above, with its lag as the gauge {@code
   * bttspeed_wallet_tracker_lag_blocks{tracker="transfers"}}.
   */
  public TransferTracker(
      TransferStore store,
      Transfers transfers,
      TronGateway gateway,
      Duration interval,
      MeterRegistry registry) {
    this(store, transfers, gateway, interval, LOOK_UP_EACH_UP_TO);
    Gauge.builder("bttspeed.wallet.tracker.lag", this, t -> t.lagBlocks)
        .description("head block minus the last block the tracker has read")
        .baseUnit("blocks")
        .tag("tracker", "transfers")
        .register(registry);
  }

  /** With {@code lookUpEachUpTo} unfinished transfers or fewer, they are looked up one by one. */
  TransferTracker(
      TransferStore store,
      Transfers transfers,
      TronGateway gateway,
      Duration interval,
      int lookUpEachUpTo) {
    this.lookUpEachUpTo = lookUpEachUpTo;
    this.store = store;
    this.transfers = transfers;
    this.gateway = gateway;
    this.interval = interval;
    this.supervisor = Supervisor.process();
    this.executor = supervisor.singleThreadScheduler(THREAD);
  }

  public void start() {
    supervisor.every(
        executor, THREAD, this::runOnceLogged, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
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
    refreshWork(System.nanoTime() - workReadAtNanos > FULL_READ_EVERY.toNanos());
    if (work.isEmpty()) {
      landed.clear();
      lagBlocks = 0;
      return 0;
    }
    // Read before any lookup: whatever these say is final or expired stays so in any later block.
    long solidified = gateway.solidifiedBlockNumber();
    ChainHead head = gateway.head();
    lagBlocks = headScanned < 0 ? 0 : Math.max(0, head.number() - headScanned);
    // Transfers recorded since the list was read may already be in the blocks just reported.
    refreshWork(false);
    List<TransferRecord> pending = List.copyOf(work.values());
    List<TransferStore.Completion> completions = new ArrayList<>();
    try {
      boolean newBlocks = head.number() != headScanned || solidified != solidScanned;
      if (headScanned < 0
          || solidified - solidScanned > MAX_BLOCKS_PER_PASS
          || head.number() - headScanned > MAX_BLOCKS_PER_PASS
          || (pending.size() <= lookUpEachUpTo && newBlocks)) {
        return lookUpEach(pending, solidified, head, completions);
      }
      // Also without new blocks: what is in no block may need re-broadcasting or has expired.
      return scanBlocks(pending, solidified, head, completions);
    } finally {
      transfers.finishAll(completions);
      completions.forEach(c -> work.remove(c.transferId()));
      lagBlocks = headScanned < 0 ? 0 : Math.max(0, head.number() - headScanned);
    }
  }

  /**
   * Brings the work list up to date: everything unfinished when {@code full}, otherwise only
   * transfers recorded since the last read. Transfer rows are written in creation-index order (the
   * store serializes its writes), so nothing recorded can be skipped; the periodic full read also
   * picks up transfers that another path finished or that were changed by hand.
   */
  private void refreshWork(boolean full) {
    List<TransferRecord> read = full ? store.unfinished() : store.unfinishedAfter(workIndex);
    if (full) {
      work.clear();
      workReadAtNanos = System.nanoTime();
    }
    for (TransferRecord t : read) {
      work.put(t.transferId(), t);
      workIndex = Math.max(workIndex, t.creationIndex());
    }
  }

  /** Looks every transfer up by id, then continues by blocks from what the node reported. */
  private int lookUpEach(
      List<TransferRecord> pending,
      long solidified,
      ChainHead head,
      List<TransferStore.Completion> completions) {
    landed.clear();
    int left = 0;
    for (TransferRecord t : pending) {
      if (t.stage() == TransferStage.RECORDED) {
        left += advanced(t) ? 0 : 1;
        continue;
      }
      Optional<TransactionOutcome> outcome = gateway.outcome(t.txid().orElseThrow());
      if (outcome.isPresent() && outcome.get().blockNumber() <= solidified) {
        completions.add(completion(t, outcome.get()));
        continue;
      }
      outcome.ifPresent(o -> landedIn(t, o.blockNumber()));
      left += settleUnconfirmed(t, head, outcome.isPresent(), completions) ? 0 : 1;
    }
    headScanned = head.number();
    solidScanned = solidified;
    return left;
  }

  /**
   * Reads the blocks produced and solidified since the last pass, then handles what they did not
   * settle.
   */
  private int scanBlocks(
      List<TransferRecord> pending,
      long solidified,
      ChainHead head,
      List<TransferStore.Completion> completions) {
    Map<TxId, TransferRecord> byTxid = new HashMap<>();
    pending.forEach(t -> t.txid().ifPresent(id -> byTxid.put(id, t)));
    Map<String, TransferRecord> done = new HashMap<>();
    for (long n = solidScanned + 1; n <= solidified; n++) {
      for (Map.Entry<TxId, TransactionOutcome> e : gateway.solidifiedOutcomes(n).entrySet()) {
        TransferRecord t = byTxid.get(e.getKey());
        if (t != null) {
          completions.add(completion(t, e.getValue()));
          done.put(t.transferId(), t);
        }
      }
    }
    for (long n = Math.max(headScanned, solidified) + 1; n <= head.number(); n++) {
      for (TxId txid : gateway.transactionsIn(n)) {
        TransferRecord t = byTxid.get(txid);
        if (t != null) {
          landedIn(t, n);
        }
      }
    }
    solidScanned = solidified;
    headScanned = head.number();
    // A transaction seen in a block that has since solidified without it was in a block the chain
    // dropped.
    landed.values().removeIf(block -> block <= solidified);
    int left = 0;
    for (TransferRecord t : pending) {
      if (done.containsKey(t.transferId())) {
        continue;
      }
      if (t.stage() == TransferStage.RECORDED) {
        left += advanced(t) ? 0 : 1;
        continue;
      }
      TxId txid = t.txid().orElseThrow();
      if (landed.containsKey(txid)) {
        left++;
        continue;
      }
      if (head.timeMs() > t.expirationMs()) {
        // Blocks read since start say it is not in; a lookup settles it for blocks read before.
        Optional<TransactionOutcome> outcome = gateway.outcome(txid);
        if (outcome.isPresent() && outcome.get().blockNumber() <= solidified) {
          completions.add(completion(t, outcome.get()));
          continue;
        }
        outcome.ifPresent(o -> landedIn(t, o.blockNumber()));
        left += settleUnconfirmed(t, head, outcome.isPresent(), completions) ? 0 : 1;
        continue;
      }
      left += settleUnconfirmed(t, head, false, completions) ? 0 : 1;
    }
    return left;
  }

  private void landedIn(TransferRecord t, long blockNumber) {
    landed.put(t.txid().orElseThrow(), blockNumber);
    if (t.stage() == TransferStage.SIGNED) {
      transfers.markBroadcast(t.transferId());
    }
  }

  /**
   * A signed transfer not yet solidified: expired if it is in no block and the head is past its
   * expiration, re-broadcast if it is in no block and this process has not had it accepted lately.
   * Returns true when the transfer reached a final status.
   */
  private boolean settleUnconfirmed(
      TransferRecord t,
      ChainHead head,
      boolean inABlock,
      List<TransferStore.Completion> completions) {
    if (inABlock) {
      return false;
    }
    if (head.timeMs() > t.expirationMs()) {
      completions.add(
          new TransferStore.Completion(
              t.transferId(),
              TransferStatus.EXPIRED,
              "not in any block before its expiration",
              0,
              0));
      return true;
    }
    if (t.stage() == TransferStage.SIGNED && transfers.dueForRebroadcast(t.transferId())) {
      return advanced(t);
    }
    return false;
  }

  private boolean advanced(TransferRecord t) {
    TransferRecord after = transfers.advance(t.transferId());
    if (after.stage() == TransferStage.DONE) {
      work.remove(t.transferId());
      return true;
    }
    work.put(after.transferId(), after);
    return false;
  }

  private static TransferStore.Completion completion(TransferRecord t, TransactionOutcome o) {
    return new TransferStore.Completion(
        t.transferId(),
        o.succeeded() ? TransferStatus.CONFIRMED : TransferStatus.FAILED,
        o.failureReason(),
        o.feeSun(),
        o.blockNumber());
  }

  /**
   * Lets a running pass finish: interrupting a thread inside H2 file I/O closes the whole database.
   */
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
