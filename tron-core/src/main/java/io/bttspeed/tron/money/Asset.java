package io.bttspeed.tron.money;

import io.bttspeed.tron.Echo;
import io.bttspeed.tron.MalformedValueException;
import io.bttspeed.tron.address.TronAddress;
import java.math.BigInteger;

/**
 * What a balance or transfer is denominated in; each kind fixes the base unit and the largest
 * amount.
 */
public sealed interface Asset permits Asset.Trx, Asset.Trc10, Asset.Trc20 {

  BigInteger INT64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
  BigInteger UINT256_MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  /**
   * Stable text form, used in storage and messages: {@code TRX}, {@code TRC10:1002000}, {@code
   * TRC20:T...}.
   */
  String key();

  /** The largest amount the chain can carry for this asset. */
  BigInteger maxUnits();

  /** TRX, in sun; balances and amounts are int64 on chain. */
  record Trx() implements Asset {
    public static final Trx INSTANCE = new Trx();

    @Override
    public String key() {
      return "TRX";
    }

    @Override
    public BigInteger maxUnits() {
      return INT64_MAX;
    }
  }

  /** A TRC-10 token by id; amounts are int64 on chain. */
  record Trc10(long tokenId) implements Asset {
    public Trc10 {
      if (tokenId < 1_000_001) {
        throw new MalformedValueException("TRC-10 token ids start at 1000001; got " + tokenId);
      }
    }

    /**
     * The canonical decimal id ({@code [1-9][0-9]*}, fits int64): no spaces, sign or leading zeros.
     */
    public static Trc10 parse(String id) {
      // 19 digits hold every int64; a longer or non-canonical text is refused before parsing.
      if (!Amount.isCanonical(id, 19)) {
        throw new MalformedValueException(
            "a TRC-10 token id is a decimal number without sign, spaces or leading zeros, such as 1002000; got "
                + Echo.quote(id));
      }
      try {
        return new Trc10(Long.parseLong(id));
      } catch (NumberFormatException e) {
        throw new MalformedValueException("a TRC-10 token id fits int64; got " + Echo.quote(id));
      }
    }

    @Override
    public String key() {
      return "TRC10:" + tokenId;
    }

    @Override
    public BigInteger maxUnits() {
      return INT64_MAX;
    }
  }

  /** A TRC-20 token by contract address; amounts are uint256 in the contract. */
  record Trc20(TronAddress contract) implements Asset {
    @Override
    public String key() {
      return "TRC20:" + contract.base58();
    }

    @Override
    public BigInteger maxUnits() {
      return UINT256_MAX;
    }
  }

  /** Inverse of {@link #key()}. */
  static Asset ofKey(String key) {
    if (key.equals("TRX")) {
      return Trx.INSTANCE;
    }
    if (key.startsWith("TRC10:")) {
      return Trc10.parse(key.substring(6));
    }
    if (key.startsWith("TRC20:")) {
      return new Trc20(TronAddress.parse(key.substring(6)));
    }
    throw new MalformedValueException(
        "unknown asset " + Echo.quote(key) + "; expected TRX, TRC10:<id> or TRC20:<address>");
  }
}
