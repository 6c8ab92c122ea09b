package io.bttspeed.devnet;

import io.bttspeed.devnet.chain.Blocks;
import io.bttspeed.devnet.chain.Genesis;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;

/**
 * What every devnet is at genesis, known without starting one (the genesis is deterministic): a
 * client recognises a devnet by its genesis block id, then finds its contracts and development
 * accounts here.
 *
 * @param blockId the genesis block id, 64 hex characters
 * @param chainId the chain id (last 4 bytes of the block id)
 * @param bttTokenAddress the TRC-20 BTT token, base58
 * @param speedChannelsAddress the TRC-20 payment-channel hub, base58
 * @param speedChannelsTrc10Address the TRC-10 BTT payment-channel hub, base58
 * @param developmentAccounts the prefunded accounts, keys public
 */
public record DevnetGenesis(
    String blockId,
    long chainId,
    String bttTokenAddress,
    String speedChannelsAddress,
    String speedChannelsTrc10Address,
    List<DevelopmentAccount> developmentAccounts) {

  public DevnetGenesis {
    developmentAccounts = List.copyOf(developmentAccounts);
  }

  /** The standard genesis every {@link Devnet} starts from, computed once. */
  public static DevnetGenesis standard() {
    return Standard.INSTANCE;
  }

  private static final class Standard {
    static final DevnetGenesis INSTANCE = of(Genesis.standard());
  }

  private static DevnetGenesis of(Genesis genesis) {
    String id = Blocks.blockId(genesis.block()).hex();
    return new DevnetGenesis(
        id,
        Genesis.chainIdOf(Blocks.blockId(genesis.block())),
        genesis.bttTokenContract().base58(),
        genesis.speedChannelsContract().base58(),
        genesis.speedChannelsTrc10Contract().base58(),
        genesis.accounts().stream()
            .map(
                a -> new DevelopmentAccount(a.index(), a.address().base58(), hex32(a.privateKey())))
            .toList());
  }

  private static String hex32(BigInteger key) {
    byte[] raw = key.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return HexFormat.of().formatHex(out);
  }
}
