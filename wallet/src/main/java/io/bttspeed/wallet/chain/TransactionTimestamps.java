package io.bttspeed.wallet.chain;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code timestamp} of the transactions this process builds: the clock's milliseconds, but
 * never the same value twice. A transaction's id is the hash of its raw data, and two payments with
 * the same sender, recipient, amount, memo and reference block differ in nothing else, so two built
 * in the same millisecond would be one transaction: the node takes the second broadcast as a
 * duplicate and only one payment happens. Under a burst of more than one transaction per
 * millisecond the values run ahead of the clock, which nodes do not check.
 */
public final class TransactionTimestamps {

  private final Clock clock;
  private final AtomicLong last = new AtomicLong();

  public TransactionTimestamps(Clock clock) {
    this.clock = clock;
  }

  /** A value above every one returned before, and at least the clock's current millisecond. */
  public long next() {
    long now = clock.millis();
    return last.updateAndGet(previous -> Math.max(previous + 1, now));
  }
}
