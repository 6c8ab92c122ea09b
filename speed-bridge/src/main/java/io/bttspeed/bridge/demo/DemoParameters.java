package io.bttspeed.bridge.demo;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;

/**
 * The demo's scenario, valid by construction. Prices are base units of the devnet's TRC-20 BTT (18
 * decimals) per MiB.
 *
 * @param sizeBytes the shared file's size
 * @param capBytesPerSecond the seeder's upload cap: the whole swarm's bandwidth, since leechers
 *     know only the seeder
 * @param paidSlots the seeder's paid upload slots
 * @param bidders leechers that bid, alternately high and low (the first half high)
 * @param plain leechers that never pay
 * @param ordinary ordinary BitTorrent peers (python3-libtorrent leechers that never speak
 *     bt_speed), 0 or 1; run only where python3-libtorrent is installed
 * @param askPerMib the seeder's ask
 * @param bidHighPerMib the high bidders' fixed bid
 * @param bidLowPerMib the low bidders' fixed bid
 * @param timeout how long the downloads may take before the demo gives up
 */
public record DemoParameters(
    long sizeBytes,
    long capBytesPerSecond,
    int paidSlots,
    int bidders,
    int plain,
    int ordinary,
    BigInteger askPerMib,
    BigInteger bidHighPerMib,
    BigInteger bidLowPerMib,
    Duration timeout) {
  /** Each demo wallet is funded with 10,000 BTT; a bidder's budget must stay well within it. */
  static final BigInteger MAX_SPEND = BigInteger.TEN.pow(21);

  public DemoParameters {
    Objects.requireNonNull(askPerMib, "ask");
    Objects.requireNonNull(bidHighPerMib, "bid-high");
    Objects.requireNonNull(bidLowPerMib, "bid-low");
    Objects.requireNonNull(timeout, "timeout");
    if (sizeBytes < 1 || sizeBytes > (1L << 40)) {
      throw new IllegalArgumentException("--size must be between 1 byte and 1 TiB");
    }
    if (capBytesPerSecond < 1024) {
      throw new IllegalArgumentException("--cap must be at least 1 KiB/s");
    }
    if (paidSlots < 1 || paidSlots > 16) {
      throw new IllegalArgumentException("--paid-slots must be between 1 and 16");
    }
    if (bidders < 0 || plain < 0 || bidders + plain < 1 || bidders + plain > 16) {
      throw new IllegalArgumentException(
          "--bidders and --plain must be at least 0, together between 1 and 16");
    }
    if (ordinary < 0 || ordinary > 1) {
      throw new IllegalArgumentException("--ordinary must be 0 or 1");
    }
    if (askPerMib.signum() <= 0) {
      throw new IllegalArgumentException("--ask must be above 0");
    }
    if (bidLowPerMib.compareTo(askPerMib) < 0 || bidHighPerMib.compareTo(askPerMib) < 0) {
      throw new IllegalArgumentException(
          "--bid-high and --bid-low must be at least the ask, or the seeder never sells to them");
    }
    if (budget(bidHighPerMib, sizeBytes).compareTo(MAX_SPEND) > 0
        || budget(bidLowPerMib, sizeBytes).compareTo(MAX_SPEND) > 0) {
      throw new IllegalArgumentException(
          "--size × the bids exceeds 1,000 BTT, more than the demo wallets can spend");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("--timeout must be positive");
    }
  }

  /** The role of the {@code index}th leecher: bidders first, the first half of them high. */
  Role role(int index) {
    if (index >= bidders) {
      return Role.NON_BIDDER;
    }
    return index < (bidders + 1) / 2 ? Role.BIDDER_HIGH : Role.BIDDER_LOW;
  }

  BigInteger bid(Role role) {
    return role == Role.BIDDER_HIGH ? bidHighPerMib : bidLowPerMib;
  }

  /**
   * A bidder's budget: twice what the whole file costs at its bid, so the budget never stops a
   * download, while one wallet keeps enough to pay for the channel fees.
   */
  static BigInteger budget(BigInteger bidPerMib, long sizeBytes) {
    BigInteger mib = BigInteger.valueOf(sizeBytes).shiftRight(20).add(BigInteger.ONE);
    return bidPerMib.multiply(mib).multiply(BigInteger.TWO);
  }
}
