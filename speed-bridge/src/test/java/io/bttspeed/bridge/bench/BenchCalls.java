package io.bttspeed.bridge.bench;

import io.bttspeed.bridge.app.SpeedSwarmHarness;
import io.bttspeed.bridge.testing.Await;
import io.bttspeed.bridge.testing.SpeedRequests;
import io.bttspeed.proto.speed.v1.AddTorrentRequest;
import io.bttspeed.proto.speed.v1.AddTorrentResponse;
import io.bttspeed.proto.speed.v1.GetTorrentRequest;
import io.bttspeed.proto.speed.v1.SetAskRequest;
import io.bttspeed.proto.speed.v1.TorrentState;
import io.bttspeed.proto.wallet.v1.Asset;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;

/** The SpeedService calls the paid-swarm benchmarks make of their daemons. */
final class BenchCalls {
  /** The devnet's TRC-20 BTT, as the API names the chain's own BTT. */
  static final Asset THIS_CHAINS_BTT = SpeedRequests.THIS_CHAINS_BTT;

  private BenchCalls() {}

  /** Sells {@code paidSlots} paid slots at {@code price} base units per MiB of this chain's BTT. */
  static void ask(SpeedSwarmHarness.Node seeder, BigInteger price, int paidSlots) {
    seeder
        .api()
        .setAsk(
            SetAskRequest.newBuilder()
                .setAsset(THIS_CHAINS_BTT)
                .setPriceBaseUnitsPerMib(price.toString())
                .setPaidSlots(paidSlots)
                .build());
  }

  /** Seeds {@code content} and waits until the seeder has verified it. */
  static AddTorrentResponse seed(SpeedSwarmHarness.Node seeder, Path content) {
    AddTorrentResponse seeded =
        seeder
            .api()
            .addTorrent(AddTorrentRequest.newBuilder().setSeedPath(content.toString()).build());
    String infoHash = seeded.getTorrent().getInfoHash();
    Await.until(
        Duration.ofMinutes(2),
        "the seeder to verify " + content,
        () -> state(seeder, infoHash) == TorrentState.TORRENT_STATE_SEEDING);
    return seeded;
  }

  /** A fixed bid of {@code price} base units per MiB in this chain's BTT, up to {@code budget}. */
  static void fixedBid(SpeedSwarmHarness.Node leecher, BigInteger price, BigInteger budget) {
    leecher.api().setBidPolicy(SpeedRequests.fixedBid(price, budget));
  }

  static TorrentState state(SpeedSwarmHarness.Node node, String infoHash) {
    return node.api()
        .getTorrent(GetTorrentRequest.newBuilder().setInfoHash(infoHash).build())
        .getTorrent()
        .getState();
  }
}
