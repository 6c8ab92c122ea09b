package io.bttspeed.bridge.speed;

import io.bttspeed.tron.money.Amount;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/** How a leecher bids for paid slots on one torrent (DESIGN §5, the leecher). */
public sealed interface BidPolicy permits BidPolicy.None, BidPolicy.Fixed, BidPolicy.Auto {

  /** The most this torrent may cost, per seeder; empty for {@link None}. */
  Optional<Amount> spendingLimit();

  /** No bids: an ordinary downloader (it still gets the free slots). */
  record None() implements BidPolicy {
    public static final None INSTANCE = new None();

    @Override
    public Optional<Amount> spendingLimit() {
      return Optional.empty();
    }
  }

  /**
   * Bids {@code pricePerMib} to every seller that asks no more, spending at most {@code budget} per
   * seller.
   */
  record Fixed(Amount pricePerMib, Amount budget) implements BidPolicy {
    public Fixed {
      if (!pricePerMib.asset().equals(budget.asset())) {
        throw new IllegalArgumentException("a bid's price and budget are in one asset");
      }
      if (pricePerMib.units().signum() <= 0 || budget.units().signum() <= 0) {
        throw new IllegalArgumentException("a bid's price and budget are positive");
      }
    }

    @Override
    public Optional<Amount> spendingLimit() {
      return Optional.of(budget);
    }
  }

  /**
   * BitTorrent Speed v1's auto-bid: {@code bid = rate × remaining budget / remaining MiB}, re-sent
   * only when it moves by more than 10 %.
   *
   * @param rate the spending rate, an exact decimal (1 spends the budget evenly over what is left)
   */
  record Auto(Amount budget, BigDecimal rate) implements BidPolicy {
    public static final BigDecimal DEFAULT_RATE = BigDecimal.ONE;

    public Auto {
      Objects.requireNonNull(rate, "rate");
      if (budget.units().signum() <= 0
          || rate.signum() <= 0
          || rate.compareTo(BigDecimal.valueOf(1000)) > 0) {
        throw new IllegalArgumentException(
            "an auto-bid has a positive budget and a rate in (0, 1000]");
      }
    }

    @Override
    public Optional<Amount> spendingLimit() {
      return Optional.of(budget);
    }

    /**
     * The bid per MiB: ⌊rate × remainingBudget × 2^20 / remainingBytes⌋, exact; zero when nothing
     * remains.
     */
    public BigInteger bid(BigInteger remainingBudget, long remainingBytes) {
      if (remainingBytes <= 0 || remainingBudget.signum() <= 0) {
        return BigInteger.ZERO;
      }
      return rate.multiply(new BigDecimal(remainingBudget.shiftLeft(20)))
          .divide(BigDecimal.valueOf(remainingBytes), 0, RoundingMode.FLOOR)
          .toBigIntegerExact();
    }

    /**
     * Whether {@code next} moved by more than 10 % from {@code last} (any move from zero counts).
     */
    public static boolean movedEnough(BigInteger last, BigInteger next) {
      if (last.signum() == 0) {
        return next.signum() != 0;
      }
      return next.subtract(last).abs().multiply(BigInteger.TEN).compareTo(last) > 0;
    }
  }
}
