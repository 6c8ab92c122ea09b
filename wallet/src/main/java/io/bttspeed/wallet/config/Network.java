package io.bttspeed.wallet.config;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.money.Asset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The TRON networks the wallet knows, with their chain ids and BTT token addresses. */
public enum Network {
  /**
   * The embedded or a standalone devnet; its chain id and TRC-20 BTT come from the node at start.
   */
  DEVNET(0L, Optional.empty()),
  /**
   * Nile testnet. BTT has no canonical TRC-20 there; configure one with {@code tron.token.trc20}.
   */
  NILE(0x94a9059eL, Optional.empty()),
  /** TRON mainnet: TRC-20 BTT (18 decimals) at TAFjULxiVgT4qWk6UZwjqwZXTSaGaqnVp4. */
  MAINNET(0x2b6653dcL, Optional.of("TAFjULxiVgT4qWk6UZwjqwZXTSaGaqnVp4"));

  /**
   * Legacy TRC-10 BTT, called BTTOLD since BTT moved to TRC-20 (2021), precision 6; the devnet
   * issues the same id, and it goes by the same name everywhere.
   */
  public static final long BTT_TRC10_ID = 1_002_000L;

  private final long chainId;
  private final Optional<String> bttTrc20;

  Network(long chainId, Optional<String> bttTrc20) {
    this.chainId = chainId;
    this.bttTrc20 = bttTrc20;
  }

  /**
   * The chain id (last 4 bytes of the genesis block id); 0 for the devnet, where the node reports
   * it.
   */
  public long chainId() {
    return chainId;
  }

  /** The tokens reported by default on this network: BTT TRC-10 and, where known, BTT TRC-20. */
  public List<TokenConfig> defaultTokens() {
    TokenConfig trc10 = new TokenConfig("BTTOLD", new Asset.Trc10(BTT_TRC10_ID), 6);
    return bttTrc20
        .map(a -> List.of(trc10, new TokenConfig("BTT", new Asset.Trc20(TronAddress.parse(a)), 18)))
        .orElse(List.of(trc10));
  }

  public static Network parse(String text) {
    try {
      return valueOf(text.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "tron.network", "must be devnet, nile or mainnet, not '" + text + "'");
    }
  }
}
