package io.bttspeed.wallet.channel;

import io.bttspeed.tron.money.Asset;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * When a payee redeems its highest voucher: once the unsettled amount reaches the asset's
 * threshold, or once the channel is within {@code settleBeforeExpiry} of its expiry (after which
 * the payer may reclaim), and in either case only if the payout is worth at least {@code feeFactor}
 * times the settle transaction's fee estimate. The value of a payout in sun comes from each asset's
 * configured {@link Rate}.
 *
 * @param checkInterval how often the watcher looks at every open channel
 */
public record SettlementPolicy(
    Duration checkInterval, Duration settleBeforeExpiry, long feeFactor, Map<Asset, Terms> terms) {

  /** {@code units} base units of the asset are worth {@code sun} sun. */
  public record Rate(BigInteger units, BigInteger sun) {
    public Rate {
      if (units.signum() <= 0 || sun.signum() < 0) {
        throw new IllegalArgumentException("a rate has positive units and non-negative sun");
      }
    }
  }

  /** Settle once this many base units are unsettled; what they are worth in TRX. */
  public record Terms(BigInteger threshold, Rate rate) {
    public Terms {
      if (threshold.signum() <= 0) {
        throw new IllegalArgumentException("a settlement threshold is positive");
      }
      Objects.requireNonNull(rate, "rate");
    }
  }

  public SettlementPolicy {
    if (checkInterval.isNegative() || checkInterval.isZero()) {
      throw new IllegalArgumentException("the settlement check interval must be positive");
    }
    if (settleBeforeExpiry.isNegative()) {
      throw new IllegalArgumentException("settle-before-expiry must not be negative");
    }
    if (feeFactor < 1) {
      throw new IllegalArgumentException("the fee factor is at least 1");
    }
    terms = Map.copyOf(terms);
  }

  /**
   * Defaults for BTT: settle at 10,000,000 BTT unsettled (about 30 TRX at 3 sun per BTT, well above
   * a settle's fee), in the last 30 minutes before expiry, only when worth twice the fee; checked
   * every 10 s.
   */
  public static SettlementPolicy defaults(ChannelHubs hubs) {
    return forBtt(hubs, Duration.ofSeconds(10), Duration.ofMinutes(30), 10_000_000, 3, 2);
  }

  /**
   * The same policy for every BTT hub, with amounts in whole BTT: each hub's threshold and rate are
   * scaled by its token's decimals (6 for TRC-10 BTT, 18 for TRC-20 BTT).
   */
  public static SettlementPolicy forBtt(
      ChannelHubs hubs,
      Duration checkInterval,
      Duration settleBeforeExpiry,
      long thresholdBtt,
      long sunPerBtt,
      long feeFactor) {
    Map<Asset, Terms> terms = new java.util.HashMap<>();
    for (ChannelHub hub : hubs.hubs()) {
      BigInteger oneBtt = BigInteger.TEN.pow(hub.isTrc10() ? 6 : 18);
      terms.put(
          hub.asset(),
          new Terms(
              oneBtt.multiply(BigInteger.valueOf(thresholdBtt)),
              new Rate(oneBtt, BigInteger.valueOf(sunPerBtt))));
    }
    return new SettlementPolicy(checkInterval, settleBeforeExpiry, feeFactor, terms);
  }

  /** Whether the channel has reached a settlement trigger (threshold or approaching expiry). */
  public boolean due(ChannelRecord channel, Instant now) {
    BigInteger unsettled = channel.unsettled().units();
    if (unsettled.signum() == 0 || channel.status() != ChannelStatus.OPEN) {
      return false;
    }
    Terms t = terms.get(channel.asset());
    boolean aboveThreshold = t != null && unsettled.compareTo(t.threshold()) >= 0;
    boolean nearExpiry = !now.isBefore(channel.expiresAt().minus(settleBeforeExpiry));
    return aboveThreshold || nearExpiry;
  }

  /**
   * Whether paying {@code feeSun} to receive the unsettled amount is worth it; unpriced assets
   * never are.
   */
  public boolean worthFee(ChannelRecord channel, long feeSun) {
    Terms t = terms.get(channel.asset());
    if (t == null) {
      return false;
    }
    BigInteger payoutSun = channel.unsettled().units().multiply(t.rate().sun());
    BigInteger neededSun =
        BigInteger.valueOf(feeSun)
            .multiply(BigInteger.valueOf(feeFactor))
            .multiply(t.rate().units());
    return payoutSun.compareTo(neededSun) > 0;
  }
}
