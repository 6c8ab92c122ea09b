package io.bttspeed.bridge.cli;

import io.bttspeed.proto.wallet.v1.Asset;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * Amounts as people type and read them: in BTT (or BTTOLD), exactly, with the base units alongside.
 * Channels carry BTT only, so the two denominations are TRC-20 BTT (18 decimals) and TRC-10 BTTOLD
 * (id 1002000, 6 decimals). {@link BigDecimal} here is exact decimal arithmetic, never floating
 * point: a value with more decimals than the token has is refused, not rounded.
 */
enum BttAmount {
  /** TRC-20 BTT; the daemon resolves the token contract of its chain. */
  BTT("BTT", 18),
  /** TRC-10 BTT, id 1002000. */
  BTTOLD("BTTOLD", 6);

  /** 2^256 has 78 digits; with a point and 18 decimals nothing longer is a valid amount. */
  private static final int MAX_TEXT = 100;

  private static final String DECIMAL = "(0|[1-9][0-9]*)(\\.[0-9]+)?|\\.[0-9]+";
  private static final BigInteger MAX_UNITS =
      BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  private final String symbol;
  private final int decimals;

  BttAmount(String symbol, int decimals) {
    this.symbol = symbol;
    this.decimals = decimals;
  }

  /** {@code btt} or {@code bttold}, as the wallet's CLI names them. */
  static BttAmount of(String name) {
    if (name != null && name.length() <= 10) {
      switch (name.toLowerCase(Locale.ROOT)) {
        case "btt":
          return BTT;
        case "bttold":
          return BTTOLD;
        default:
          break;
      }
    }
    throw new IllegalArgumentException("--asset is btt (TRC-20) or bttold (TRC-10 1002000)");
  }

  /** The asset as the API names it; TRC-20 BTT with an empty address means "this chain's BTT". */
  Asset proto() {
    return this == BTT
        ? Asset.newBuilder().setTrc20ContractAddress("").build()
        : Asset.newBuilder().setTrc10TokenId("1002000").build();
  }

  /**
   * Parses {@code 12}, {@code 0.5} or {@code .25} in this token's units into base units: digits and
   * at most one point, no sign, exponent or spaces, at most {@code decimals} decimals, below 2^256
   * base units.
   */
  BigInteger parse(String option, String text) {
    if (text == null || text.length() > MAX_TEXT || !text.matches(DECIMAL)) {
      throw new IllegalArgumentException(
          option
              + " is an amount in "
              + symbol
              + " such as 0.25 (digits and one"
              + " point, no sign, exponent or leading zeros)");
    }
    BigDecimal value = new BigDecimal(text.startsWith(".") ? "0" + text : text);
    if (value.stripTrailingZeros().scale() > decimals) {
      throw new IllegalArgumentException(
          option + " has more than " + decimals + " decimals, the smallest unit of " + symbol);
    }
    BigInteger units = value.movePointRight(decimals).toBigIntegerExact();
    if (units.compareTo(MAX_UNITS) > 0) {
      throw new IllegalArgumentException(option + " is too large");
    }
    return units;
  }

  /** {@code 0.5 BTT (500000000000000000 base units)}. */
  String show(String baseUnits) {
    if (baseUnits == null || !baseUnits.matches("0|[1-9][0-9]{0,79}")) {
      return String.valueOf(baseUnits);
    }
    BigDecimal shown = new BigDecimal(new BigInteger(baseUnits), decimals).stripTrailingZeros();
    return shown.toPlainString() + " " + symbol + " (" + baseUnits + " base units)";
  }

  /**
   * The denomination of an asset the daemon reports; TRX and other tokens are shown in base units.
   */
  static String show(Asset asset, String baseUnits) {
    if (asset.hasTrc10TokenId() && asset.getTrc10TokenId().equals("1002000")) {
      return BTTOLD.show(baseUnits);
    }
    if (asset.hasTrc20ContractAddress()) {
      return BTT.show(baseUnits);
    }
    return baseUnits + " base units";
  }
}
