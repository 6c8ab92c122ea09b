package io.bttspeed.tron.money;

import io.bttspeed.tron.Echo;
import io.bttspeed.tron.MalformedValueException;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A non-negative integer number of an asset's base units that fits what the chain can carry.
 * Arithmetic keeps the asset and those bounds: adding past the asset's largest amount is a {@link
 * MalformedValueException}, and mixing assets or going below zero is an {@link
 * IllegalArgumentException}.
 */
public record Amount(Asset asset, BigInteger units) implements Comparable<Amount> {

  /** 2^256 − 1, the largest amount any asset can carry, has 78 digits. */
  private static final int MAX_DIGITS = 78;

  public Amount {
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(units, "units");
    if (units.signum() < 0) {
      throw new MalformedValueException("an amount cannot be negative");
    }
    if (units.compareTo(asset.maxUnits()) > 0) {
      throw new MalformedValueException(
          "amount "
              + units
              + " exceeds the largest "
              + asset.key()
              + " amount "
              + asset.maxUnits());
    }
  }

  /** Parses a positive decimal string of base units, the only amount form the API accepts. */
  public static Amount parsePositive(Asset asset, String decimal) {
    Amount amount = new Amount(asset, parseUnits("amount_base_units", decimal));
    if (amount.units.signum() == 0) {
      throw new MalformedValueException("amount_base_units must be greater than zero");
    }
    return amount;
  }

  /**
   * Parses the one canonical decimal form of a number of base units: {@code 0} or {@code
   * [1-9][0-9]*}, below 2^256. Spaces (Unicode ones too), signs, leading zeros and non-ASCII digits
   * are refused, so one amount has one spelling. {@code field} names the request field in the
   * message.
   */
  public static BigInteger parseUnits(String field, String decimal) {
    if (!isCanonical(decimal, MAX_DIGITS)) {
      throw new MalformedValueException(
          field
              + " must be a whole number of base units in decimal digits without sign, spaces or leading zeros,"
              + " e.g. \"1000000\"; got "
              + Echo.quote(decimal));
    }
    BigInteger units = new BigInteger(decimal);
    if (units.compareTo(Asset.UINT256_MAX) > 0) {
      throw new MalformedValueException(field + " must be below 2^256");
    }
    return units;
  }

  /** Whether the text is {@code 0} or {@code [1-9][0-9]*} with at most {@code maxDigits} digits. */
  public static boolean isCanonical(String decimal, int maxDigits) {
    if (decimal == null || decimal.isEmpty() || decimal.length() > maxDigits) {
      return false;
    }
    if (decimal.charAt(0) == '0') {
      return decimal.length() == 1;
    }
    return decimal.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  public static Amount ofSun(long sun) {
    return new Amount(Asset.Trx.INSTANCE, BigInteger.valueOf(sun));
  }

  /**
   * The value as a long, for assets the chain carries as int64 (guaranteed by the constructor for
   * them).
   */
  public long longValueExact() {
    return units.longValueExact();
  }

  public static Amount zero(Asset asset) {
    return new Amount(asset, BigInteger.ZERO);
  }

  public boolean isZero() {
    return units.signum() == 0;
  }

  public Amount plus(Amount other) {
    sameAsset(other, "add");
    return new Amount(asset, units.add(other.units));
  }

  /**
   * This less {@code other}; the caller knows it is not more than this (a negative amount is a
   * bug).
   */
  public Amount minus(Amount other) {
    sameAsset(other, "subtract");
    BigInteger difference = units.subtract(other.units);
    if (difference.signum() < 0) {
      throw new IllegalArgumentException("cannot take " + other + " from " + this);
    }
    return new Amount(asset, difference);
  }

  /** This less {@code other}, or zero where {@code other} is more. */
  public Amount minusOrZero(Amount other) {
    return compareTo(other) > 0 ? minus(other) : zero(asset);
  }

  public Amount max(Amount other) {
    return compareTo(other) >= 0 ? this : other;
  }

  /** Orders amounts of one asset; amounts of two assets do not compare. */
  @Override
  public int compareTo(Amount other) {
    sameAsset(other, "compare");
    return units.compareTo(other.units);
  }

  private void sameAsset(Amount other, String what) {
    if (!asset.equals(other.asset)) {
      throw new IllegalArgumentException(
          "cannot " + what + " " + other.asset.key() + " and " + asset.key());
    }
  }

  @Override
  public String toString() {
    return units + " " + asset.key();
  }
}
