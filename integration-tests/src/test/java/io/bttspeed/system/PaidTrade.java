package io.bttspeed.system;

import io.bttspeed.bridge.testing.SpeedRequests;
import io.bttspeed.proto.speed.v1.AddTorrentRequest;
import io.bttspeed.proto.speed.v1.AddTorrentResponse;
import io.bttspeed.proto.speed.v1.GetTorrentRequest;
import io.bttspeed.proto.speed.v1.PeerMoney;
import io.bttspeed.proto.speed.v1.SetAskRequest;
import io.bttspeed.proto.speed.v1.SetLimitsRequest;
import io.bttspeed.proto.speed.v1.Torrent;
import io.bttspeed.proto.speed.v1.TorrentState;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

/**
 * The headline trade between two daemons of a {@link SystemSwarm}: the seeder asks a price for a
 * file of seeded random bytes behind a 1 MiB/s upload cap (so the download takes seconds and a
 * fault lands while pieces move), and the leecher bids for it in this chain's TRC-20 BTT.
 *
 * @param infoHash the torrent's
 * @param bytes the file's content, to verify the download
 * @param out where the leecher writes it
 */
record PaidTrade(String infoHash, byte[] bytes, Path out) {

  /** The file's name in the torrent and under {@link #out}. */
  static final String FILE = "film.bin";

  /**
   * Starts the trade: the seeder's ask, its torrent of {@code size} bytes drawn from {@code seed},
   * verified and capped; then the leecher's fixed bid and its download from the seeder.
   */
  static PaidTrade start(
      SystemSwarm.Daemon seeder,
      SystemSwarm.Daemon leecher,
      Path dir,
      int size,
      long seed,
      BigInteger ask,
      BigInteger bid)
      throws IOException {
    seeder
        .api()
        .setAsk(
            SetAskRequest.newBuilder()
                .setAsset(SpeedRequests.THIS_CHAINS_BTT)
                .setPriceBaseUnitsPerMib(ask.toString())
                .build());
    Path content = dir.resolve("share").resolve(FILE);
    Files.createDirectories(content.getParent());
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    Files.write(content, bytes);
    AddTorrentResponse seeded =
        seeder
            .api()
            .addTorrent(AddTorrentRequest.newBuilder().setSeedPath(content.toString()).build());
    String infoHash = seeded.getTorrent().getInfoHash();
    poll(Duration.ofSeconds(60), "the seeder to verify its data")
        .until(() -> torrent(seeder, infoHash).getState() == TorrentState.TORRENT_STATE_SEEDING);
    // Capped, so every kill lands while pieces are still moving.
    seeder
        .api()
        .setLimits(SetLimitsRequest.newBuilder().setUploadCapBytesPerSecond(1024L * 1024).build());

    leecher.api().setBidPolicy(SpeedRequests.fixedBid(bid));
    Path out = dir.resolve("out");
    leecher
        .api()
        .addTorrent(
            SpeedRequests.download(seeded.getTorrentFile(), seeder.peerPort)
                .setDownloadDir(out.toString())
                .build());
    return new PaidTrade(infoHash, bytes, out);
  }

  static Torrent torrent(SystemSwarm.Daemon daemon, String infoHash) {
    return daemon
        .api()
        .getTorrent(GetTorrentRequest.newBuilder().setInfoHash(infoHash).build())
        .getTorrent();
  }

  /**
   * Whether every verified paid byte is vouchered and the seeder accepted exactly what the leecher
   * signed: the trade's money has come to rest.
   */
  static boolean vouchersAtRest(SystemSwarm.Daemon seeder, SystemSwarm.Daemon leecher) {
    PeerMoney paid = DaemonViews.spending(leecher);
    PeerMoney earned = DaemonViews.earnings(seeder);
    String signed = paid == null ? "0" : paid.getVoucheredBaseUnits();
    return (paid == null || signed.equals(paid.getOwedBaseUnits()))
        && (earned == null ? "0" : earned.getVoucheredBaseUnits()).equals(signed);
  }

  /** A poll that rides out a component being down: its calls fail UNAVAILABLE meanwhile. */
  static ConditionFactory poll(Duration timeout, String what) {
    return Awaitility.await(what)
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptionsInstanceOf(StatusRuntimeException.class);
  }
}
