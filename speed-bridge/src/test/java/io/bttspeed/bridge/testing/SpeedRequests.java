package io.bttspeed.bridge.testing;

import com.google.protobuf.ByteString;
import io.bttspeed.proto.speed.v1.AddTorrentRequest;
import io.bttspeed.proto.speed.v1.BidPolicy;
import io.bttspeed.proto.speed.v1.FixedBid;
import io.bttspeed.proto.speed.v1.SetBidPolicyRequest;
import io.bttspeed.proto.wallet.v1.Asset;
import java.math.BigInteger;

/** Requests the tests make of a daemon over and over, spelled once. */
public final class SpeedRequests {
  /** The TRC-20 BTT of the wallet's own chain: an empty contract address names it. */
  public static final Asset THIS_CHAINS_BTT =
      Asset.newBuilder().setTrc20ContractAddress("").build();

  /** A budget of one TRC-20 BTT (18 decimals): more than any test download costs. */
  public static final BigInteger ONE_BTT = BigInteger.TEN.pow(18);

  private SpeedRequests() {}

  /** A fixed bid of {@code price} base units per MiB in this chain's BTT, up to one BTT. */
  public static SetBidPolicyRequest fixedBid(BigInteger price) {
    return fixedBid(price, ONE_BTT);
  }

  /** A fixed bid of {@code price} base units per MiB in this chain's BTT, up to {@code budget}. */
  public static SetBidPolicyRequest fixedBid(BigInteger price, BigInteger budget) {
    return SetBidPolicyRequest.newBuilder()
        .setPolicy(
            BidPolicy.newBuilder()
                .setFixed(
                    FixedBid.newBuilder()
                        .setAsset(THIS_CHAINS_BTT)
                        .setPriceBaseUnitsPerMib(price.toString())
                        .setBudgetBaseUnits(budget.toString())))
        .build();
  }

  /** A download of {@code torrentFile} from the seeder whose peer port on 127.0.0.1 is given. */
  public static AddTorrentRequest.Builder download(ByteString torrentFile, int seederPeerPort) {
    return AddTorrentRequest.newBuilder()
        .setTorrentFile(torrentFile)
        .addPeers("127.0.0.1:" + seederPeerPort);
  }
}
