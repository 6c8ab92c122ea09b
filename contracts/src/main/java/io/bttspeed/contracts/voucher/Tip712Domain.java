package io.bttspeed.contracts.voucher;

import io.bttspeed.contracts.EvmAddress;
import java.util.Objects;

/**
 * The TIP-712 domain of a channel contract: {@code {name: "BttSpeedChannels", version: "1",
 * chainId, verifyingContract}}. The chain id and the contract address make a voucher worthless on
 * any other network or deployment.
 *
 * @param chainId what the contract's CHAINID answers: on TRON the last 4 bytes of the genesis block
 *     id
 * @param verifyingContract the channel contract, 20-byte form
 */
public record Tip712Domain(long chainId, EvmAddress verifyingContract) {
  public static final String NAME = "BttSpeedChannels";
  public static final String VERSION = "1";

  public Tip712Domain {
    if (chainId < 0) {
      throw new IllegalArgumentException("negative chain id: " + chainId);
    }
    Objects.requireNonNull(verifyingContract, "verifyingContract");
  }
}
