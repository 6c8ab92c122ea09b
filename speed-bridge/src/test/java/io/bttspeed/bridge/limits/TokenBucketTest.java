package io.bttspeed.bridge.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  @Test
  void unlimitedBucketAlwaysHasTokens() {
    TokenBucket bucket = new TokenBucket(Rate.UNLIMITED, 1, now::get);
    bucket.take(Long.MAX_VALUE / 2);
    assertTrue(bucket.hasTokens());
  }

  @Test
  void debtIsRepaidByTheRefillAtTheCappedRate() {
    TokenBucket bucket = new TokenBucket(Rate.bytesPerSecond(1000), 100, now::get);
    assertTrue(bucket.hasTokens());
    bucket.take(600);
    assertEquals(-500, bucket.tokens());
    assertFalse(bucket.hasTokens());
    now.addAndGet(500_000_000L); // 0.5 s: 500 bytes back, balance 0
    assertFalse(bucket.hasTokens());
    now.addAndGet(1_000_000L); // 1 ms: one byte
    assertTrue(bucket.hasTokens());
  }

  @Test
  void refillNeverExceedsTheBurst() {
    TokenBucket bucket = new TokenBucket(Rate.bytesPerSecond(1000), 100, now::get);
    now.addAndGet(3_600_000_000_000L);
    assertEquals(100, bucket.tokens());
  }

  @Test
  void fractionsOfAByteAreNotLostBetweenRefills() {
    TokenBucket bucket = new TokenBucket(Rate.bytesPerSecond(3), 10, now::get);
    bucket.take(10);
    for (int i = 0; i < 1000; i++) {
      now.addAndGet(1_000_000L); // 1,000 refills of 1 ms: 3 bytes in all
      bucket.tokens();
    }
    assertEquals(3, bucket.tokens());
  }

  @Test
  void bytesTakenOverTimeStayWithinRateTimesTimePlusBurstPlusOneMessage() {
    long rate = 1 << 20;
    long burst = RateLimits.burstFor(Rate.bytesPerSecond(rate));
    TokenBucket bucket = new TokenBucket(Rate.bytesPerSecond(rate), burst, now::get);
    long sent = 0;
    long start = now.get();
    for (int step = 0; step < 100_000; step++) {
      now.addAndGet(37_000); // a sender polling every 37 µs for 3.7 s
      if (bucket.hasTokens()) {
        bucket.take(16 * 1024);
        sent += 16 * 1024;
      }
    }
    double seconds = (now.get() - start) / 1e9;
    assertTrue(sent <= rate * seconds + burst + 16 * 1024, "sent " + sent);
    assertTrue(
        sent >= rate * seconds - 16 * 1024, "sent " + sent + ": the cap is reached, not undershot");
  }

  @Test
  void capsOutsideTheRangeAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Rate.bytesPerSecond(-1));
    assertThrows(
        IllegalArgumentException.class, () -> Rate.bytesPerSecond(Rate.MAX_BYTES_PER_SECOND + 1));
    assertThrows(
        IllegalArgumentException.class, () -> new TokenBucket(Rate.UNLIMITED, 0, now::get));
  }
}
