package io.bttspeed.bridge.limits;

import java.util.function.LongSupplier;

/**
 * A token bucket in bytes that never blocks: a sender asks {@link #hasTokens()} and, when it sends,
 * {@link #take}s the message's size, which may drive the balance below zero (a 16 KiB block is
 * never split). The debt is paid back by the refill before the next send, so over any interval the
 * bytes taken stay within {@code rate × time + burst + one message}.
 *
 * <p>Thread-safe; the dispatcher thread is the only frequent caller, so the monitor is uncontended.
 */
public final class TokenBucket {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final LongSupplier nanoClock;
  private long rate;
  private long burst;
  private long tokens;
  private long lastRefillNanos;

  /**
   * @param rate the refill rate; unlimited means every call to {@link #hasTokens()} answers true
   * @param burstBytes the most tokens the bucket holds, bytes (at least one 16 KiB block for a
   *     capped rate)
   * @param nanoClock monotonic nanoseconds, {@code System::nanoTime} outside tests
   */
  public TokenBucket(Rate rate, long burstBytes, LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
    this.lastRefillNanos = nanoClock.getAsLong();
    set(rate, burstBytes);
  }

  /**
   * Changes the cap; the bucket starts full at the new burst, so a raised cap takes effect at once.
   */
  public synchronized void set(Rate newRate, long burstBytes) {
    if (burstBytes <= 0 || burstBytes > Rate.MAX_BYTES_PER_SECOND) {
      throw new IllegalArgumentException(
          "burst must be between 1 and " + Rate.MAX_BYTES_PER_SECOND + " bytes");
    }
    this.rate = newRate.bytesPerSecond();
    this.burst = burstBytes;
    this.tokens = Math.min(tokens, 0) + burstBytes;
    this.lastRefillNanos = nanoClock.getAsLong();
  }

  public synchronized Rate rate() {
    return new Rate(rate);
  }

  /** True when a message may be sent now. */
  public synchronized boolean hasTokens() {
    if (rate == 0) {
      return true;
    }
    refill();
    return tokens > 0;
  }

  /** Charges a sent message; the balance may go negative (the next sends wait for the refill). */
  public synchronized void take(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("negative size");
    }
    if (rate == 0) {
      return;
    }
    refill();
    tokens -= bytes;
  }

  /** The balance in bytes after refilling, negative while in debt; for tests and status. */
  public synchronized long tokens() {
    if (rate != 0) {
      refill();
    }
    return tokens;
  }

  private void refill() {
    long now = nanoClock.getAsLong();
    long elapsed = now - lastRefillNanos;
    if (elapsed <= 0 || tokens >= burst) {
      lastRefillNanos = now;
      return;
    }
    long product = elapsed * rate;
    long added =
        Math.multiplyHigh(elapsed, rate) != 0 || product < 0
            ? Long.MAX_VALUE
            : product / NANOS_PER_SECOND;
    if (added >= burst - tokens) {
      tokens = burst;
      lastRefillNanos = now;
      return;
    }
    tokens += added;
    // Advance by the time the added tokens took, not to now, so fractions of a byte are never lost.
    lastRefillNanos += added * NANOS_PER_SECOND / rate;
  }
}
