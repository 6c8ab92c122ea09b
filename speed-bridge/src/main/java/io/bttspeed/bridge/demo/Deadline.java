package io.bttspeed.bridge.demo;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for a condition of the swarm: poll it, and give up with a message at a deadline. */
final class Deadline {
  /** Often enough to see a change of the devnet's instant blocks without busy-waiting. */
  private static final long POLL_MS = 100;

  private Deadline() {}

  /** Returns once {@code condition} holds; throws if it does not within {@code timeout}. */
  static void poll(Duration timeout, String what, BooleanSupplier condition) {
    if (!pollQuietly(timeout, condition)) {
      throw new IllegalStateException(
          "timed out after " + timeout.toSeconds() + " s waiting for " + what);
    }
  }

  /** Whether {@code condition} came to hold within {@code timeout}. */
  static boolean pollQuietly(Duration timeout, BooleanSupplier condition) {
    long end = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - end > 0) {
        return false;
      }
      pause(POLL_MS);
    }
    return true;
  }

  /** Sleeps, keeping an interrupt for the caller to see. */
  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
