package io.bttspeed.wallet.keys;

import io.bttspeed.wallet.error.ResourceExhaustedException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Bounds how many key derivations (scrypt, PBKDF2) run at once. One standard scrypt holds 256 MiB
 * and a core for about a second, so without a bound a handful of concurrent imports or exports
 * exhaust the heap and take the background threads with them. A caller waits up to {@code maxWait}
 * for a turn, then gets RESOURCE_EXHAUSTED (retry shortly) instead of queueing without end.
 */
public final class KdfLimiter {

  /** Two at once: the memory of two standard scrypt runs (512 MiB) and at most two cores. */
  public static final int DEFAULT_PERMITS = 2;

  public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(5);

  private final Semaphore permits;
  private final Duration maxWait;

  public KdfLimiter(int permits, Duration maxWait) {
    if (permits < 1 || maxWait.isNegative()) {
      throw new IllegalArgumentException("at least one permit and a non-negative wait");
    }
    this.permits = new Semaphore(permits, true);
    this.maxWait = maxWait;
  }

  public static KdfLimiter standard() {
    return new KdfLimiter(DEFAULT_PERMITS, DEFAULT_MAX_WAIT);
  }

  /** Runs the derivation once a permit is free, or refuses it after waiting {@code maxWait}. */
  <T> T derive(Supplier<T> derivation) {
    boolean acquired;
    try {
      acquired = permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      acquired = false;
    }
    if (!acquired) {
      throw new ResourceExhaustedException(
          "too many key derivations (keystore import, export, wallet creation) are running; retry in a few"
              + " seconds");
    }
    try {
      return derivation.get();
    } finally {
      permits.release();
    }
  }
}
