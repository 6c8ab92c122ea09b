package io.bttspeed.wallet.channel;

import io.bttspeed.wallet.chain.TronGateway;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The chain's time: the head block's timestamp, which is what the channel contracts compare expiry
 * with (block.timestamp), so a wallet whose clock is off neither signs for a channel the payer can
 * already reclaim nor refuses one that is still good. Cached for {@link #MAX_AGE} (measured on the
 * wallet's clock, which only ages the cache), so voucher hot paths do not ask the node per call; a
 * block comes every 3 s on TRON, so the cached value is never more than one block staler.
 */
final class ChainClock {

  static final Duration MAX_AGE = Duration.ofSeconds(1);

  private record Sample(Instant head, long fetchedAtMs) {}

  private final TronGateway tron;
  private final Clock local;
  private volatile Sample sample;

  ChainClock(TronGateway tron, Clock local) {
    this.tron = tron;
    this.local = local;
  }

  Instant now() {
    Sample s = sample;
    if (fresh(s)) {
      return s.head();
    }
    synchronized (this) {
      s = sample;
      if (fresh(s)) {
        return s.head();
      }
      Instant head = Instant.ofEpochMilli(tron.headBlockTimeMs());
      sample = new Sample(head, local.millis());
      return head;
    }
  }

  /** A sample from the future (the wallet's clock went back) is as stale as an old one. */
  private boolean fresh(Sample s) {
    if (s == null) {
      return false;
    }
    long age = local.millis() - s.fetchedAtMs();
    return age >= 0 && age < MAX_AGE.toMillis();
  }
}
