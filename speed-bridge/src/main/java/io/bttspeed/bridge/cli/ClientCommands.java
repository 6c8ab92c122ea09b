package io.bttspeed.bridge.cli;

import com.google.protobuf.ByteString;
import io.bttspeed.proto.speed.v1.AddTorrentRequest;
import io.bttspeed.proto.speed.v1.AddTorrentResponse;
import io.bttspeed.proto.speed.v1.GetTorrentRequest;
import io.bttspeed.proto.speed.v1.ListTorrentsRequest;
import io.bttspeed.proto.speed.v1.PauseTorrentRequest;
import io.bttspeed.proto.speed.v1.RemoveTorrentRequest;
import io.bttspeed.proto.speed.v1.ResumeTorrentRequest;
import io.bttspeed.proto.speed.v1.SetLimitsRequest;
import io.bttspeed.proto.speed.v1.SpeedServiceGrpc;
import io.bttspeed.proto.speed.v1.Torrent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The commands that talk to a running daemon. */
final class ClientCommands {
  private ClientCommands() {}

  @Command(
      name = "seed",
      description =
          "Share a local file or directory: make its .torrent, seed it, print its magnet.")
  static final class Seed implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "PATH", description = "file or directory to share")
    Path path;

    @Option(
        names = "--tracker",
        description = "announce URL to write into the .torrent (repeatable)")
    List<String> trackers = List.of();

    @Override
    public Integer call() {
      try (ClientOptions.Client c = client.connect()) {
        AddTorrentResponse r =
            c.stub()
                .addTorrent(
                    AddTorrentRequest.newBuilder()
                        .setSeedPath(path.toAbsolutePath().toString())
                        .addAllTrackers(trackers)
                        .build());
        System.out.println(
            "seeding " + r.getTorrent().getName() + " (" + r.getTorrent().getInfoHash() + ")");
        System.out.println("torrent: " + r.getTorrentFilePath());
        System.out.println("magnet:  " + r.getTorrent().getMagnet());
      }
      return 0;
    }
  }

  @Command(
      name = "download",
      description = "Download a .torrent file or a magnet link, with a live progress bar.")
  static final class Download implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "TORRENT|MAGNET", description = "a .torrent file or a magnet link")
    String source;

    @Option(names = "--out", description = "download directory (default: the daemon's)")
    Path out;

    @Option(names = "--peer", description = "a peer to dial, host:port (repeatable)")
    List<String> peers = List.of();

    @Option(names = "--no-wait", description = "return once added, without the progress bar")
    boolean noWait;

    @picocli.CommandLine.ArgGroup(exclusive = false, heading = "Paying for speed (bt_speed):%n")
    MoneyCommands.BidOptions bid = new MoneyCommands.BidOptions();

    @Override
    public Integer call() {
      io.bttspeed.proto.speed.v1.BidPolicy policy = bid == null ? null : bid.policy();
      // With a bid, the torrent is added paused and started once its policy is set, so no piece is
      // fetched before the daemon knows what to bid.
      AddTorrentRequest.Builder request =
          AddTorrentRequest.newBuilder().addAllPeers(peers).setPaused(policy != null);
      if (source.startsWith("magnet:")) {
        request.setMagnet(source);
      } else {
        try {
          request.setTorrentFile(ByteString.copyFrom(Files.readAllBytes(Path.of(source))));
        } catch (IOException e) {
          throw new UncheckedIOException(
              "cannot read the .torrent " + source + ": " + e.getMessage(), e);
        }
      }
      if (out != null) {
        request.setDownloadDir(out.toAbsolutePath().toString());
      }
      try (ClientOptions.Client c = client.connect()) {
        Torrent torrent = c.stub().addTorrent(request.build()).getTorrent();
        System.out.println("added " + torrent.getName() + " (" + torrent.getInfoHash() + ")");
        if (policy != null) {
          try {
            c.stub()
                .setBidPolicy(
                    io.bttspeed.proto.speed.v1.SetBidPolicyRequest.newBuilder()
                        .setInfoHash(torrent.getInfoHash())
                        .setPolicy(policy)
                        .build());
          } catch (RuntimeException refused) {
            // A bid the daemon refuses leaves nothing behind: the paused torrent goes, its (empty)
            // data kept.
            c.stub()
                .removeTorrent(
                    io.bttspeed.proto.speed.v1.RemoveTorrentRequest.newBuilder()
                        .setInfoHash(torrent.getInfoHash())
                        .build());
            throw refused;
          }
          c.stub()
              .resumeTorrent(
                  io.bttspeed.proto.speed.v1.ResumeTorrentRequest.newBuilder()
                      .setInfoHash(torrent.getInfoHash())
                      .build());
          System.out.println(
              policy.hasFixed()
                  ? "bidding "
                      + BttAmount.show(
                          policy.getFixed().getAsset(), policy.getFixed().getPriceBaseUnitsPerMib())
                      + " per MiB"
                  : "auto-bidding");
        }
        if (noWait) {
          return 0;
        }
        return ProgressView.follow(c, torrent.getInfoHash());
      }
    }
  }

  @Command(name = "list", description = "List the daemon's torrents.")
  static final class ListTorrents implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Override
    public Integer call() {
      try (ClientOptions.Client c = client.connect()) {
        for (Torrent t :
            c.stub().listTorrents(ListTorrentsRequest.getDefaultInstance()).getTorrentsList()) {
          System.out.println(Printer.line(t));
        }
      }
      return 0;
    }
  }

  /** A command on one torrent named by its infohash, printing one answer. */
  abstract static class OnOneTorrent implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Parameters(paramLabel = "INFOHASH")
    String infoHash;

    abstract String apply(SpeedServiceGrpc.SpeedServiceBlockingStub stub);

    @Override
    public Integer call() {
      try (ClientOptions.Client c = client.connect()) {
        System.out.println(apply(c.stub()));
      }
      return 0;
    }
  }

  @Command(name = "show", description = "Show one torrent.")
  static final class Show extends OnOneTorrent {
    @Override
    String apply(SpeedServiceGrpc.SpeedServiceBlockingStub stub) {
      return Printer.details(
          stub.getTorrent(GetTorrentRequest.newBuilder().setInfoHash(infoHash).build())
              .getTorrent());
    }
  }

  @Command(name = "pause", description = "Pause a torrent.")
  static final class Pause extends OnOneTorrent {
    @Override
    String apply(SpeedServiceGrpc.SpeedServiceBlockingStub stub) {
      return Printer.line(
          stub.pauseTorrent(PauseTorrentRequest.newBuilder().setInfoHash(infoHash).build())
              .getTorrent());
    }
  }

  @Command(name = "resume", description = "Resume a paused torrent.")
  static final class Resume extends OnOneTorrent {
    @Override
    String apply(SpeedServiceGrpc.SpeedServiceBlockingStub stub) {
      return Printer.line(
          stub.resumeTorrent(ResumeTorrentRequest.newBuilder().setInfoHash(infoHash).build())
              .getTorrent());
    }
  }

  @Command(name = "remove", description = "Remove a torrent (and with --delete-data its files).")
  static final class Remove extends OnOneTorrent {
    @Option(names = "--delete-data", description = "also delete the files the torrent names")
    boolean deleteData;

    @Override
    String apply(SpeedServiceGrpc.SpeedServiceBlockingStub stub) {
      stub.removeTorrent(
          RemoveTorrentRequest.newBuilder()
              .setInfoHash(infoHash)
              .setDeleteData(deleteData)
              .build());
      return "removed " + infoHash + (deleteData ? " and its files" : "");
    }
  }

  @Command(
      name = "limits",
      description =
          "Set upload/download caps in bytes per second (0 = none), global or per torrent.")
  static final class Limits implements Callable<Integer> {
    @Mixin ClientOptions client;

    @Option(names = "--torrent", description = "infohash (default: the global caps)")
    String infoHash = "";

    @Option(names = "--up", defaultValue = "0", description = "upload cap, bytes/s (default: none)")
    long up;

    @Option(
        names = "--down",
        defaultValue = "0",
        description = "download cap, bytes/s (default: none)")
    long down;

    @Override
    public Integer call() {
      if (up < 0 || down < 0) {
        throw new IllegalArgumentException("caps are bytes per second, 0 or more");
      }
      try (ClientOptions.Client c = client.connect()) {
        c.stub()
            .setLimits(
                SetLimitsRequest.newBuilder()
                    .setInfoHash(infoHash)
                    .setUploadCapBytesPerSecond(up)
                    .setDownloadCapBytesPerSecond(down)
                    .build());
        System.out.println(
            (infoHash.isEmpty() ? "global" : infoHash)
                + ": up "
                + (up == 0 ? "unlimited" : up + " B/s")
                + ", down "
                + (down == 0 ? "unlimited" : down + " B/s"));
      }
      return 0;
    }
  }
}
