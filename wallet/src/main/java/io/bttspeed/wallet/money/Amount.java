package io.bttspeed.wallet.money;

import io.bttspeed.wallet.error.InvalidArgumentException;
import java.math.BigInteger;
import java.util.Objects;

/** A non-negative integer number of an asset's base units that fits what the chain can carry. */
public record Amount(Asset asset, BigInteger units) {

  private static final int MAX_DIGITS = 78;

  public Amount {
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(units, "units");
    if (units.signum() < 0) {
      throw new InvalidArgumentException("an amount cannot be negative");
    }
    if (units.compareTo(asset.maxUnits()) > 0) {
      throw new InvalidArgumentException(
          "amount " + units + " exceeds the largest " + asset.key() + " amount " + asset.maxUnits());
    }
  }

  /** Parses a positive decimal string of base units, the only amount form the API accepts. */
  public static Amount parsePositive(Asset asset, String decimal) {
    String text = decimal == null ? "" : decimal.strip();
    if (text.isEmpty() || text.length() > MAX_DIGITS || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw new InvalidArgumentException(
          "amount_base_units must be a positive whole number of base units in decimal digits, e.g. \"1000000\";"
              + " got '"
              + (text.length() > 80 ? text.substring(0, 80) + "..." : text)
              + "'");
    }
    Amount amount = new Amount(asset, new BigInteger(text));
    if (amount.units.signum() == 0) {
      throw new InvalidArgumentException("amount_base_units must be greater than zero");
    }
    return amount;
  }

  public static Amount ofSun(long sun) {
    return new Amount(Asset.Trx.INSTANCE, BigInteger.valueOf(sun));
  }

  /** The value as a long, for assets the chain carries as int64 (guaranteed by the constructor for them). */
  public long longValueExact() {
    return units.longValueExact();
  }

  public Amount plus(Amount other) {
    if (!asset.equals(other.asset)) {
      throw new IllegalArgumentException("cannot add " + other.asset.key() + " to " + asset.key());
    }
    return new Amount(asset, units.add(other.units));
  }

  @Override
  public String toString() {
    return units + " " + asset.key();
  }
}
