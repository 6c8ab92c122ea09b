package io.bttspeed.wallet.config;

import io.bttspeed.tron.money.Asset;
import java.util.Objects;

/** A token the wallet reports balances of by default, with its display symbol and decimals. */
public record TokenConfig(String symbol, Asset asset, int decimals) {
  public TokenConfig {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(asset, "asset");
    if (decimals < 0 || decimals > 77) {
      throw new IllegalArgumentException("decimals must be between 0 and 77");
    }
  }
}
