package io.bttspeed.wallet.chain;

import java.util.Map;

/**
 * An account as the node sees it: whether it exists, its TRX in sun, its TRC-10 balances by token
 * id in base units, and the bandwidth (bytes) it can use today without burning TRX.
 */
public record AccountState(
    boolean exists, long trxSun, Map<Long, Long> trc10Units, long freeBandwidthBytes) {
  public AccountState {
    trc10Units = Map.copyOf(trc10Units);
  }

  public long trc10(long tokenId) {
    return trc10Units.getOrDefault(tokenId, 0L);
  }
}
