package io.bttspeed.bridge.speed;

import io.bttspeed.bridge.accounting.LedgerKey;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When a buyer next tries to pay a debt that no verified piece is about to pay: a payment its
 * wallet refused (the wallet or its node was down) leaves the amount owed, and the last pieces of a
 * download have no later piece to carry it, so the buyer's tick pays it. Tries are one second
 * apart, doubling after each refusal up to 32 s, so an outage costs a line in the log now and then,
 * not one per tick.
 */
final class PaymentRetries {
  private static final DoublingWait WAIT = new DoublingWait(Duration.ofSeconds(1), 5);

  private record Next(long atNanos, int refusals) {}

  private final Map<LedgerKey, Next> next = new ConcurrentHashMap<>();

  /** Whether a try is due now; if so, the next one is not due before a wait. */
  boolean due(LedgerKey key) {
    long now = System.nanoTime();
    Next n = next.get(key);
    if (n != null && n.atNanos() - now > 0) {
      return false;
    }
    Next then =
        new Next(now + WAIT.nanosAfter(n == null ? 0 : n.refusals()), n == null ? 0 : n.refusals());
    return n == null ? next.putIfAbsent(key, then) == null : next.replace(key, n, then);
  }

  /**
   * The wallet refused a payment on the key: the next try waits twice as long. Returns how many
   * refusals in a row came before this one.
   */
  int refused(LedgerKey key) {
    long now = System.nanoTime();
    Next n =
        next.merge(
            key,
            new Next(now + WAIT.nanosAfter(0), 1),
            (old, fresh) -> new Next(now + WAIT.nanosAfter(old.refusals()), old.refusals() + 1));
    return n.refusals() - 1;
  }

  /** A payment went through: the waits start again from one second. */
  void paid(LedgerKey key) {
    next.computeIfPresent(key, (k, n) -> n.refusals() == 0 ? n : new Next(n.atNanos(), 0));
  }
}
