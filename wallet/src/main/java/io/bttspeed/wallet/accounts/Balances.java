package io.bttspeed.wallet.accounts;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.chain.AccountState;
import io.bttspeed.wallet.chain.TronGateway;
import io.bttspeed.wallet.config.TokenConfig;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Balances of an address in TRX and the configured tokens, read from the node. */
public final class Balances {

  /**
   * One balance, with the display symbol and decimals from configuration (empty / 0 if
   * unconfigured).
   */
  public record Balance(Amount amount, String symbol, int decimals) {}

  private final TronGateway gateway;
  private final List<TokenConfig> tokens;

  public Balances(TronGateway gateway, List<TokenConfig> tokens) {
    this.gateway = gateway;
    this.tokens = List.copyOf(tokens);
  }

  /** The given assets, or TRX and every configured token when the list is empty. */
  public List<Balance> of(TronAddress address, List<Asset> requested) {
    List<Asset> assets = new ArrayList<>(requested);
    if (assets.isEmpty()) {
      assets.add(Asset.Trx.INSTANCE);
      tokens.forEach(t -> assets.add(t.asset()));
    }
    AccountState account = gateway.account(address);
    List<Balance> out = new ArrayList<>();
    for (Asset asset : assets) {
      BigInteger units;
      if (asset instanceof Asset.Trx) {
        units = BigInteger.valueOf(account.trxSun());
      } else if (asset instanceof Asset.Trc10 t) {
        units = BigInteger.valueOf(account.trc10(t.tokenId()));
      } else {
        units = gateway.trc20Balance(((Asset.Trc20) asset).contract(), address);
      }
      Optional<TokenConfig> config =
          tokens.stream().filter(t -> t.asset().equals(asset)).findFirst();
      out.add(
          new Balance(
              new Amount(asset, units),
              asset instanceof Asset.Trx ? "TRX" : config.map(TokenConfig::symbol).orElse(""),
              asset instanceof Asset.Trx ? 6 : config.map(TokenConfig::decimals).orElse(0)));
    }
    return out;
  }
}
