package io.bttspeed.bridge.speed;

import io.bttspeed.bridge.wallet.ChannelWallet;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.money.Asset;
import java.util.Map;

/**
 * This node's wallet facts, read once at start: the wallet may answer over the network, and they
 * are needed on Bt's threads (every hello carries them), which must never wait for it.
 */
record Identity(TronAddress address, long chainId, Map<Asset, TronAddress> hubs) {
  Identity {
    hubs = Map.copyOf(hubs);
  }

  static Identity of(ChannelWallet wallet) {
    return new Identity(wallet.address(), wallet.chainId(), wallet.hubs());
  }
}
