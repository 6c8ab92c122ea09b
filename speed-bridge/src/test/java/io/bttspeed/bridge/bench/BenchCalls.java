package io.bttspeed.bridge.bench;

import io.bttspeed.bridge.app.SpeedSwarmHarness;
import io.bttspeed.proto.speed.v1.BidPolicy;
import io.bttspeed.proto.speed.v1.FixedBid;
import io.bttspeed.proto.speed.v1.GetTorrentRequest;
import io.bttspeed.proto.speed.v1.SetBidPolicyRequest;
import io.bttspeed.proto.speed.v1.TorrentState;
import io.bttspeed.proto.wallet.v1.Asset;
import java.math.BigInteger;

/** The SpeedService calls the paid-swarm benchmarks make of their daemons. */
final class BenchCalls {
  /** The devnet's TRC-20 BTT, as the API names the chain's own BTT. */
  static final Asset THIS_CHAINS_BTT = Asset.newBuilder().setTrc20ContractAddress("").build();

  private BenchCalls() {}

  /** A fixed bid of {@code price} base units per MiB in this chain's BTT, up to {@code budget}. */
  static void fixedBid(SpeedSwarmHarness.Node leecher, BigInteger price, BigInteger budget) {
    leecher
        .api()
        .setBidPolicy(
            SetBidPolicyRequest.newBuilder()
                .setPolicy(
                    BidPolicy.newBuilder()
                        .setFixed(
                            FixedBid.newBuilder()
                                .setAsset(THIS_CHAINS_BTT)
                                .setPriceBaseUnitsPerMib(price.toString())
                                .setBudgetBaseUnits(budget.toString())))
                .build());
  }

  static TorrentState state(SpeedSwarmHarness.Node node, String infoHash) {
    return node.api()
        .getTorrent(GetTorrentRequest.newBuilder().setInfoHash(infoHash).build())
        .getTorrent()
        .getState();
  }
}
