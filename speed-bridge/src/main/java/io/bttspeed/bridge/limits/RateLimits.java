package io.bttspeed.bridge.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The upload and download caps of the client: one pair of buckets for everything and one pair per
 * torrent. A message may go when both its global and its torrent bucket have tokens, and is then
 * charged to both.
 *
 * @param <T> the torrent key (the engine's own torrent id type)
 */
public final class RateLimits<T> {
  /** Burst of a capped bucket: a quarter second at the cap, never less than four 16 KiB blocks. */
  static final long MIN_BURST_BYTES = 4 * 16 * 1024;

  private final LongSupplier nanoClock;
  private final TokenBucket globalUp;
  private final TokenBucket globalDown;
  private final Map<T, TokenBucket[]> perTorrent = new ConcurrentHashMap<>();

  public RateLimits(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
    this.globalUp = new TokenBucket(Rate.UNLIMITED, MIN_BURST_BYTES, nanoClock);
    this.globalDown = new TokenBucket(Rate.UNLIMITED, MIN_BURST_BYTES, nanoClock);
  }

  public static <T> RateLimits<T> systemClock() {
    return new RateLimits<>(System::nanoTime);
  }

  /** The burst a bucket capped at {@code rate} allows, bytes. */
  public static long burstFor(Rate rate) {
    return Math.max(MIN_BURST_BYTES, rate.bytesPerSecond() / 4);
  }

  public void setGlobal(Direction direction, Rate rate) {
    global(direction).set(rate, burstFor(rate));
  }

  public void setTorrent(T torrent, Direction direction, Rate rate) {
    buckets(torrent)[direction.ordinal()].set(rate, burstFor(rate));
  }

  public Rate torrentRate(T torrent, Direction direction) {
    TokenBucket[] buckets = perTorrent.get(torrent);
    return buckets == null ? Rate.UNLIMITED : buckets[direction.ordinal()].rate();
  }

  public Rate globalRate(Direction direction) {
    return global(direction).rate();
  }

  /** Forgets a removed torrent's caps. */
  public void forget(T torrent) {
    perTorrent.remove(torrent);
  }

  /** True when a message of this direction may be sent for this torrent now. */
  public boolean mayTransfer(T torrent, Direction direction) {
    if (!global(direction).hasTokens()) {
      return false;
    }
    TokenBucket[] buckets = perTorrent.get(torrent);
    return buckets == null || buckets[direction.ordinal()].hasTokens();
  }

  /** Charges a sent message to the global and the torrent bucket. */
  public void charge(T torrent, Direction direction, long bytes) {
    global(direction).take(bytes);
    TokenBucket[] buckets = perTorrent.get(torrent);
    if (buckets != null) {
      buckets[direction.ordinal()].take(bytes);
    }
  }

  private TokenBucket global(Direction direction) {
    return direction == Direction.UP ? globalUp : globalDown;
  }

  private TokenBucket[] buckets(T torrent) {
    return perTorrent.computeIfAbsent(
        torrent,
        t ->
            new TokenBucket[] {
              new TokenBucket(Rate.UNLIMITED, MIN_BURST_BYTES, nanoClock),
              new TokenBucket(Rate.UNLIMITED, MIN_BURST_BYTES, nanoClock)
            });
  }
}
