package io.bttspeed.devnet.node;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The chain's time: a wall clock plus how far the chain was moved ahead of it (by {@link #advance},
 * or by a restart on a chain whose head is ahead of the wall clock). Blocks, constant calls and
 * transaction expiry all read it, so the chain has one time.
 */
public final class ChainClock extends Clock {
  /**
   * The end of year 9999: far inside what a block's int64 millisecond timestamp holds, and what
   * every client's date type can print.
   */
  private static final long MAX_MILLIS = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

  private final Clock wall;
  private final AtomicLong aheadMillis;
  private final ZoneId zone;

  public ChainClock(Clock wall) {
    this(wall, new AtomicLong(), ZoneOffset.UTC);
  }

  /** A view of the same chain time (one offset, moved for all views) in another zone. */
  private ChainClock(Clock wall, AtomicLong aheadMillis, ZoneId zone) {
    this.wall = wall;
    this.aheadMillis = aheadMillis;
    this.zone = zone;
  }

  /**
   * Goes on from a chain's head: when the head is ahead of the wall clock (a chain whose time was
   * advanced, restarted), the chain's time resumes from it rather than standing still until the
   * wall clock catches up. Never moves the time back.
   */
  public void resumeFrom(long headTimeMs) {
    aheadMillis.accumulateAndGet(headTimeMs - wall.millis(), Math::max);
  }

  /**
   * Moves the chain's time forward by {@code step}, atomically: steps from many threads add up.
   *
   * @throws IllegalArgumentException unless the step is positive
   * @throws ArithmeticException if the time would pass the end of year 9999; nothing moves then
   */
  public void advance(Duration step) {
    if (step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("the chain's time only moves forward");
    }
    long by = step.toMillis();
    aheadMillis.updateAndGet(
        ahead -> {
          long next = Math.addExact(ahead, by);
          if (Math.addExact(wall.millis(), next) > MAX_MILLIS) {
            throw new ArithmeticException(
                "the chain's time would pass " + Instant.ofEpochMilli(MAX_MILLIS));
          }
          return next;
        });
  }

  @Override
  public long millis() {
    return wall.millis() + aheadMillis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId other) {
    return other.equals(zone) ? this : new ChainClock(wall, aheadMillis, other);
  }
}
