package io.bttspeed.wallet.channel;

import io.bttspeed.wallet.config.WalletConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * How the channel service behaves.
 *
 * @param expiryMargin a voucher is signed or accepted only while the channel's expiry is further
 *     away than this, so the payee has time to redeem it before the payer can reclaim
 * @param feeLimitSun the fee limit of every channel transaction, sun: a cap, the chain burns what
 *     is used
 * @param callTimeout how long a channel transaction may take to reach a block
 * @param autoReclaim whether the watcher reclaims the deposit of a channel this wallet pays on once
 *     it has expired by the chain's time
 */
public record ChannelConfig(
    Duration expiryMargin,
    long feeLimitSun,
    Duration callTimeout,
    SettlementPolicy settlement,
    boolean autoReclaim) {

  /**
   * How far beyond the chain's time a channel's expiry may be set: a year. The contracts take any
   * 64-bit time, but a deposit locked for longer is a typo far more often than an intent, and the
   * payer can always extend.
   */
  public static final Duration MAX_EXPIRY_AHEAD = Duration.ofDays(365);

  /** With auto-reclaim on, the default. */
  public ChannelConfig(
      Duration expiryMargin, long feeLimitSun, Duration callTimeout, SettlementPolicy settlement) {
    this(expiryMargin, feeLimitSun, callTimeout, settlement, true);
  }

  public ChannelConfig {
    Objects.requireNonNull(settlement, "settlement");
    if (expiryMargin.isNegative()) {
      throw new IllegalArgumentException("the expiry margin must not be negative");
    }
    if (feeLimitSun <= 0) {
      throw new IllegalArgumentException("the channel fee limit must be positive");
    }
    if (callTimeout.isNegative() || callTimeout.isZero()) {
      throw new IllegalArgumentException("the channel call timeout must be positive");
    }
  }

  /** The configured channel settings for these hubs. */
  public static ChannelConfig from(WalletConfig.Channels settings, ChannelHubs hubs) {
    return new ChannelConfig(
        settings.expiryMargin(),
        settings.feeLimitSun(),
        settings.callTimeout(),
        SettlementPolicy.forBtt(
            hubs,
            settings.settleCheckInterval(),
            settings.settleBeforeExpiry(),
            settings.settleThresholdBtt(),
            settings.sunPerBtt(),
            settings.settleFeeFactor()),
        settings.autoReclaim());
  }

  /** One hour of margin, 1,000 TRX fee cap, 2 minutes to reach a block, default settlement. */
  public static ChannelConfig defaults(ChannelHubs hubs) {
    return new ChannelConfig(
        Duration.ofHours(1),
        1_000_000_000L,
        Duration.ofMinutes(2),
        SettlementPolicy.defaults(hubs));
  }
}
