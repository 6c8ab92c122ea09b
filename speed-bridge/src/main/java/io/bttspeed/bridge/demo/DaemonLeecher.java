package io.bttspeed.bridge.demo;

import io.bttspeed.proto.speed.v1.GetSpendingRequest;
import io.bttspeed.proto.speed.v1.GetTorrentRequest;
import io.bttspeed.proto.speed.v1.SpeedServiceGrpc;
import io.bttspeed.proto.speed.v1.Torrent;
import io.bttspeed.proto.speed.v1.TorrentState;
import java.math.BigInteger;
import java.util.Optional;

/** A Speed daemon leeching the demo's torrent, asked over its SpeedService API. */
final class DaemonLeecher implements Leecher {
  private final SpeedServiceGrpc.SpeedServiceBlockingStub api;
  private final String infoHash;
  private final String speedAddress;

  /**
   * @param speedAddress its wallet's TRON address, which its bt_speed hello carries
   */
  DaemonLeecher(
      SpeedServiceGrpc.SpeedServiceBlockingStub api, String infoHash, String speedAddress) {
    this.api = api;
    this.infoHash = infoHash;
    this.speedAddress = speedAddress;
  }

  SpeedServiceGrpc.SpeedServiceBlockingStub api() {
    return api;
  }

  @Override
  public Progress progress() {
    Torrent t =
        api.getTorrent(GetTorrentRequest.newBuilder().setInfoHash(infoHash).build()).getTorrent();
    if (t.getState() == TorrentState.TORRENT_STATE_SEEDING) {
      return new Progress(t.getTotalBytes(), true, Optional.empty());
    }
    // The API counts verified pieces, not bytes: an estimate, exact but for the short last piece.
    long verified =
        t.getPiecesTotal() == 0
            ? 0
            : Math.min(
                t.getTotalBytes(), t.getTotalBytes() * t.getPiecesComplete() / t.getPiecesTotal());
    return new Progress(verified, false, Optional.empty());
  }

  @Override
  public BigInteger vouchered() {
    return api.getSpending(GetSpendingRequest.getDefaultInstance()).getPeersList().stream()
        .map(m -> new BigInteger(m.getVoucheredBaseUnits()))
        .reduce(BigInteger.ZERO, BigInteger::add);
  }

  @Override
  public Optional<String> speedAddress() {
    return Optional.of(speedAddress);
  }
}
