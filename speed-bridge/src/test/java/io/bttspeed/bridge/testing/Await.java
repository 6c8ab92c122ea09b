package io.bttspeed.bridge.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Waits for a condition with a deadline, through Awaitility like every other module's tests; here
 * only so that a timeout says what was awaited, with the state at that moment (a lambda computes it
 * once, on timeout: the swarm tests print every leecher's view).
 */
public final class Await {
  private static final Duration POLL = Duration.ofMillis(20);

  private Await() {}

  public static void until(Duration timeout, String what, BooleanSupplier condition) {
    until(timeout, () -> what, condition);
  }

  public static void until(Duration timeout, Supplier<String> what, BooleanSupplier condition) {
    try {
      Awaitility.await()
          .atMost(timeout)
          .pollDelay(Duration.ZERO)
          .pollInterval(POLL)
          .until(condition::getAsBoolean);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("timed out after " + timeout + " waiting for " + what.get(), e);
    }
  }
}
