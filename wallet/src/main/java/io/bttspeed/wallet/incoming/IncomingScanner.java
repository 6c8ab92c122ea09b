package io.bttspeed.wallet.incoming;

import io.bttspeed.tron.money.Asset;
import io.bttspeed.tron.supervision.Supervisor;
import io.bttspeed.wallet.chain.TronGateway;
import io.bttspeed.wallet.error.NodeUnavailableException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.HashSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads each solidified block once for payments to the wallets' addresses, in order, and records
 * them with the block in one commit. Solidified blocks only: a payment shown is irreversible and
 * never taken back. The first start begins at the block solidified then (history before it is not
 * read); later starts resume after the last block recorded.
 */
public final class IncomingScanner implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(IncomingScanner.class);

  /**
   * Blocks read per pass at most, so that a scanner far behind still lets the pass end and the log
   * speak.
   */
  static final int MAX_BLOCKS_PER_PASS = 200;

  private static final String THREAD = "incoming-scanner";

  private final IncomingStore store;
  private final TronGateway gateway;
  private final Set<Asset> assets;
  private final Duration interval;
  private final ScheduledExecutorService executor;

  /** Solidified blocks not read yet, as of the last pass: the lag gauge's value. */
  private volatile long lagBlocks;

  /** Reads payments of TRX and of the given tokens. */
  public IncomingScanner(
      IncomingStore store, TronGateway gateway, Set<Asset> tokens, Duration interval) {
    this.store = store;
    this.gateway = gateway;
    this.assets = union(tokens);
    this.interval = interval;
    this.executor = Supervisor.process().singleThreadScheduler(THREAD);
  }

  /**
   * As above, with its lag as the gauge {@code
   * bttspeed_wallet_tracker_lag_blocks{tracker="incoming"}}.
   */
  public IncomingScanner(
      IncomingStore store,
      TronGateway gateway,
      Set<Asset> tokens,
      Duration interval,
      MeterRegistry registry) {
    this(store, gateway, tokens, interval);
    Gauge.builder("bttspeed.wallet.tracker.lag", this, s -> s.lagBlocks)
        .description("head block minus the last block the tracker has read")
        .baseUnit("blocks")
        .tag("tracker", "incoming")
        .register(registry);
  }

  private static Set<Asset> union(Set<Asset> tokens) {
    Set<Asset> all = new HashSet<>(tokens);
    all.add(Asset.Trx.INSTANCE);
    return Set.copyOf(all);
  }

  public IncomingScanner start() {
    // Supervised: a run that throws is logged and the next goes ahead; an Error stops the process
    // loudly.
    Supervisor.process()
        .every(
            executor, THREAD, this::runOnceLogged, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  private void runOnceLogged() {
    try {
      runOnce();
    } catch (NodeUnavailableException e) {
      LOG.info("incoming scanner waits for the node: {}", e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("incoming scanner pass failed; retrying next pass", e);
    }
  }

  /**
   * Reads the solidified blocks not read yet, up to {@link #MAX_BLOCKS_PER_PASS}; returns how many.
   */
  public synchronized int runOnce() {
    long solidified = gateway.solidifiedBlockNumber();
    OptionalLong done = store.scannedUpTo();
    long first = done.isPresent() ? done.getAsLong() + 1 : solidified;
    long last = Math.min(solidified, first + MAX_BLOCKS_PER_PASS - 1);
    int read = 0;
    lagBlocks = Math.max(0, solidified - first + 1);
    for (long n = first; n <= last; n++) {
      store.recordBlock(n, gateway.solidifiedPayments(n, assets));
      read++;
      lagBlocks = solidified - n;
    }
    return read;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
