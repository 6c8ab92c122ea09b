package io.bttspeed.devnet.node;

import io.bttspeed.devnet.chain.ChainParameters;
import io.bttspeed.devnet.chain.Genesis;
import java.time.Clock;

/**
 * How a node runs.
 *
 * @param jdbcUrl where the chain is stored (an H2 file or in-memory URL)
 * @param parameters fees and limits
 * @param genesis the genesis to start from when the store is empty
 * @param solidityLag how many blocks behind the head the solidified block is
 * @param maxPending pending transactions beyond which broadcasts get SERVER_BUSY
 * @param clock the wall clock that stamps blocks
 */
public record NodeSettings(
    String jdbcUrl,
    ChainParameters parameters,
    Genesis genesis,
    int solidityLag,
    int maxPending,
    Clock clock) {
  public NodeSettings {
    if (solidityLag < 0) {
      throw new IllegalArgumentException("solidity lag must not be negative, got " + solidityLag);
    }
    if (maxPending < 1) {
      throw new IllegalArgumentException("max pending must be at least 1, got " + maxPending);
    }
  }
}
