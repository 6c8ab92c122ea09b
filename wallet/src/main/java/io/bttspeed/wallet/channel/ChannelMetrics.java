package io.bttspeed.wallet.channel;

import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.error.WalletException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The channel service's meters: vouchers accepted and refused (by reason), how long accepting one
 * takes, settlements by outcome and the fees they burnt. Fees are whole sun; Prometheus stores
 * every sample as a double, exact up to 2^53 sun (9 billion TRX), far above any fee total.
 */
public final class ChannelMetrics {

  private final MeterRegistry registry;
  private final Counter accepted;
  private final Timer accepting;

  public ChannelMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.accepted =
        Counter.builder("bttspeed.wallet.vouchers.accepted")
            .description(
                "vouchers acknowledged by AcceptVoucher (a replay of a stored one included)")
            .register(registry);
    // A histogram rather than client-side percentiles: buckets add up across scrapes and instances,
    // so a p99 over any window is histogram_quantile over their rate. From 100 us, since a voucher
    // on a known channel is a signature check and one row update; to 30 s, past a first voucher's
    // chain read through a slow node.
    this.accepting =
        Timer.builder("bttspeed.wallet.vouchers.accept")
            .description("time AcceptVoucher took to acknowledge a voucher or refuse it")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(100_000))
            .maximumExpectedValue(Duration.ofSeconds(30))
            .register(registry);
  }

  /** Meters on a registry that keeps nothing: for components built without metrics. */
  public static ChannelMetrics none() {
    return new ChannelMetrics(new CompositeMeterRegistry());
  }

  /** Runs {@code accept} (one AcceptVoucher) and records how long it took, refused or not. */
  <T> T timeAccept(Supplier<T> accept) {
    return accepting.record(accept);
  }

  void voucherAccepted() {
    accepted.increment();
  }

  void voucherRefused(WalletException refusal) {
    Counter.builder("bttspeed.wallet.vouchers.refused")
        .description("vouchers AcceptVoucher refused, by reason")
        .tag("reason", reason(refusal))
        .register(registry)
        .increment();
  }

  void settlement(Asset asset, boolean succeeded, long feeSun) {
    String outcome = succeeded ? "settled" : "failed";
    Counter.builder("bttspeed.wallet.settlements")
        .description(
            "transactions that redeem vouchers (settles, and closes that pay out), by asset and"
                + " outcome (failed: refused or reverted)")
        .tag("asset", asset.key())
        .tag("outcome", outcome)
        .register(registry)
        .increment();
    Counter.builder("bttspeed.wallet.settlement.fees")
        .description("TRX burnt by transactions that redeem vouchers, sun")
        .baseUnit("sun")
        .tag("asset", asset.key())
        .tag("outcome", outcome)
        .register(registry)
        .increment(feeSun);
  }

  /**
   * A small closed set, so the label cannot grow without bound: the channel reason when there is
   * one ({@code deposit_exhausted}, {@code expired}, ...), else the kind of refusal ({@code
   * invalid_argument} for a bad signature, {@code not_found}, {@code node_unavailable}).
   */
  static String reason(WalletException refusal) {
    if (refusal instanceof ChannelException c) {
      return c.reason().name().toLowerCase(Locale.ROOT);
    }
    String name = refusal.getClass().getSimpleName().replaceFirst("Exception$", "");
    return name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
