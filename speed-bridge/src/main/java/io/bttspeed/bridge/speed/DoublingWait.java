package io.bttspeed.bridge.speed;

import java.time.Duration;

/**
 * A wait before trying again that starts at {@code first} and doubles with each failure in a row,
 * at most {@code maxDoublings} times: an outage costs a try now and then, not one per tick.
 */
record DoublingWait(Duration first, int maxDoublings) {
  /**
   * The wait after {@code failures} failures in a row, in nanoseconds (none yet: {@code first}).
   */
  long nanosAfter(int failures) {
    return first.toNanos() << Math.min(failures, maxDoublings);
  }
}
