package io.bttspeed.contracts.channel;

import io.bttspeed.contracts.EvmAddress;

/** What a channel's deposit is made of: a TRC-20 contract's token, or a TRC-10 token by id. */
public sealed interface ChannelAsset {
  /** A TRC-20 token, named by its contract (SpeedChannels holds any of them). */
  record Trc20(EvmAddress token) implements ChannelAsset {}

  /** A TRC-10 token (SpeedChannelsTrc10 holds only BTT, id 1002000). */
  record Trc10(long tokenId) implements ChannelAsset {
    public Trc10 {
      if (tokenId <= 1_000_000) {
        throw new IllegalArgumentException("TRC-10 token ids are above 1000000: " + tokenId);
      }
    }
  }
}
