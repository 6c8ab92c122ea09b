package io.bttspeed.bridge.cli;

import io.bttspeed.proto.speed.v1.SubscribeTorrentRequest;
import io.bttspeed.proto.speed.v1.TorrentState;
import io.bttspeed.proto.speed.v1.TorrentUpdate;
import java.util.Iterator;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The live progress bar of {@code download}: percent, rate, ETA and peers, until the torrent is
 * complete.
 */
final class ProgressView {
  private ProgressView() {}

  static int follow(ClientOptions.Client client, String infoHash) {
    Iterator<TorrentUpdate> updates =
        client
            .stub()
            .subscribeTorrent(
                SubscribeTorrentRequest.newBuilder()
                    .setInfoHash(infoHash)
                    .setIntervalMs(500)
                    .build());
    try (ProgressBar bar =
        new ProgressBarBuilder()
            .setTaskName("download")
            .setStyle(ProgressBarStyle.ASCII)
            .setUnit(" MiB", 1 << 20)
            .setInitialMax(1)
            .showSpeed()
            .build()) {
      while (updates.hasNext()) {
        TorrentUpdate update = updates.next();
        var t = update.getTorrent();
        if (t.getTotalBytes() > 0) {
          bar.maxHint(t.getTotalBytes());
          bar.stepTo(
              t.getPiecesTotal() == 0
                  ? 0
                  : t.getTotalBytes() * t.getPiecesComplete() / t.getPiecesTotal());
        }
        bar.setExtraMessage(
            " "
                + update.getPeersCount()
                + " peers, "
                + Printer.bytes(update.getDownloadRateBytesPerSecond())
                + "/s");
        if (t.getState() == TorrentState.TORRENT_STATE_SEEDING) {
          bar.stepTo(t.getTotalBytes());
          break;
        }
        if (t.getState() == TorrentState.TORRENT_STATE_FAILED
            || t.getState() == TorrentState.TORRENT_STATE_PAUSED) {
          System.err.println(
              "download stopped: "
                  + Printer.state(t)
                  + (t.getError().isEmpty() ? "" : ": " + t.getError()));
          return 2;
        }
      }
    }
    System.out.println("complete; seeding on");
    return 0;
  }
}
