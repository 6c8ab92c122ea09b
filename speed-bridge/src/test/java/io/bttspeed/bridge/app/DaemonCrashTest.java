package io.bttspeed.bridge.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.bridge.testing.Await;
import io.bttspeed.bridge.testing.DaemonFixture;
import io.bttspeed.bridge.testing.ExternalProcess;
import io.bttspeed.bridge.testing.ServeArgs;
import io.bttspeed.bridge.testing.TestFiles;
import io.bttspeed.proto.speed.v1.AddTorrentRequest;
import io.bttspeed.proto.speed.v1.AddTorrentResponse;
import io.bttspeed.proto.speed.v1.GetTorrentRequest;
import io.bttspeed.proto.speed.v1.SetLimitsRequest;
import io.bttspeed.proto.speed.v1.SpeedServiceGrpc;
import io.bttspeed.proto.speed.v1.Torrent;
import io.bttspeed.proto.speed.v1.TorrentState;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon killed with SIGKILL in the middle of a download (a separate JVM) finishes it after a
 * restart.
 */
@Timeout(180)
class DaemonCrashTest {
  private static final long SIZE = 6L * 1024 * 1024;

  @TempDir Path dir;

  @Test
  void downloadCompletesAfterKillDashNineAndRestart() throws Exception {
    Path content = TestFiles.random(dir.resolve("share/film.bin"), SIZE, 51);
    try (DaemonFixture seeder = new DaemonFixture(dir.resolve("seeder"), TestFiles.freePort())) {
      AddTorrentResponse seeded =
          seeder
              .admin()
              .addTorrent(AddTorrentRequest.newBuilder().setSeedPath(content.toString()).build());
      String infoHash = seeded.getTorrent().getInfoHash();
      Path data = dir.resolve("leecher");
      Path out = dir.resolve("out");
      int apiPort = TestFiles.freePort();
      int peerPort = TestFiles.freePort();
      String token;
      int piecesAtKill;
      try (ExternalProcess daemon = serve(data, apiPort, peerPort)) {
        daemon.awaitLine("admin token (shown once): ", Duration.ofSeconds(60));
        token = daemon.lineAfter("admin token (shown once): ").orElseThrow();
        SpeedServiceGrpc.SpeedServiceBlockingStub api = stub(apiPort, token);
        api.setLimits(
            SetLimitsRequest.newBuilder().setDownloadCapBytesPerSecond(1024 * 1024).build());
        api.addTorrent(
            AddTorrentRequest.newBuilder()
                .setTorrentFile(seeded.getTorrentFile())
                .setDownloadDir(out.toString())
                .addPeers("127.0.0.1:" + seeder.peerPort)
                .build());
        AtomicReference<Torrent> now = new AtomicReference<>();
        Await.until(
            Duration.ofSeconds(60),
            () -> "a quarter of the pieces, at " + now.get(),
            () -> {
              now.set(get(api, infoHash));
              return now.get().getPiecesComplete() * 4 >= now.get().getPiecesTotal();
            });
        piecesAtKill = get(api, infoHash).getPiecesComplete();
      } // SIGKILL: no shutdown hook runs

      try (ExternalProcess daemon = serve(data, apiPort, peerPort)) {
        daemon.awaitLine("speed-bridge: API on", Duration.ofSeconds(60));
        SpeedServiceGrpc.SpeedServiceBlockingStub api = stub(apiPort, token);
        api.setLimits(SetLimitsRequest.getDefaultInstance());
        AtomicReference<Torrent> now = new AtomicReference<>();
        Await.until(
            Duration.ofSeconds(90),
            () -> "the download after the restart, at " + now.get(),
            () -> {
              now.set(get(api, infoHash));
              return now.get().getState() == TorrentState.TORRENT_STATE_SEEDING;
            });
        Torrent done = now.get();
        assertEquals(done.getPiecesTotal(), done.getPiecesComplete());
        long pieceBytes = SIZE / done.getPiecesTotal() + 1;
        assertTrue(
            done.getDownloadedBytes() <= SIZE - (piecesAtKill - 1) * pieceBytes,
            "verified pieces were kept: downloaded "
                + done.getDownloadedBytes()
                + " after the restart, "
                + piecesAtKill
                + " pieces were held at the kill");
      }
      assertTrue(TestFiles.sameContent(content, out.resolve("film.bin")));
    }
  }

  /**
   * The other side: the seeder (its own JVM) is killed mid-upload and started again on the same
   * port; the leecher, which lived through it, must take up the download with the new connection.
   */
  @Test
  void downloadCompletesAfterTheSeederIsKilledAndRestarted() throws Exception {
    Path content = TestFiles.random(dir.resolve("share/film.bin"), SIZE, 52);
    Path data = dir.resolve("seeder");
    int apiPort = TestFiles.freePort();
    int peerPort = TestFiles.freePort();
    try (DaemonFixture leecher = new DaemonFixture(dir.resolve("leecher"), TestFiles.freePort())) {
      String token;
      String infoHash;
      try (ExternalProcess seeder = serve(data, apiPort, peerPort)) {
        seeder.awaitLine("admin token (shown once): ", Duration.ofSeconds(60));
        token = seeder.lineAfter("admin token (shown once): ").orElseThrow();
        SpeedServiceGrpc.SpeedServiceBlockingStub api = stub(apiPort, token);
        AddTorrentResponse seeded =
            api.addTorrent(AddTorrentRequest.newBuilder().setSeedPath(content.toString()).build());
        infoHash = seeded.getTorrent().getInfoHash();
        String hash = infoHash;
        Await.until(
            Duration.ofSeconds(60),
            "the seeder to verify its data",
            () -> get(api, hash).getState() == TorrentState.TORRENT_STATE_SEEDING);
        api.setLimits(
            SetLimitsRequest.newBuilder().setUploadCapBytesPerSecond(1024 * 1024).build());
        leecher
            .admin()
            .addTorrent(
                AddTorrentRequest.newBuilder()
                    .setTorrentFile(seeded.getTorrentFile())
                    .setDownloadDir(dir.resolve("out").toString())
                    .addPeers("127.0.0.1:" + peerPort)
                    .build());
        AtomicReference<Torrent> now = new AtomicReference<>();
        Await.until(
            Duration.ofSeconds(60),
            () -> "a quarter of the pieces, at " + now.get(),
            () -> {
              now.set(get(leecher.admin(), hash));
              return now.get().getPiecesComplete() * 4 >= now.get().getPiecesTotal();
            });
      } // SIGKILL: the leecher's connection is cut mid-piece

      try (ExternalProcess seeder = serve(data, apiPort, peerPort)) {
        seeder.awaitLine("speed-bridge: API on", Duration.ofSeconds(60));
        String hash = infoHash;
        AtomicReference<Torrent> now = new AtomicReference<>();
        Await.until(
            Duration.ofSeconds(90),
            () -> "the download after the seeder's restart, at " + now.get(),
            () -> {
              now.set(get(leecher.admin(), hash));
              return now.get().getState() == TorrentState.TORRENT_STATE_SEEDING;
            });
      }
      assertTrue(TestFiles.sameContent(content, dir.resolve("out").resolve("film.bin")));
    }
  }

  private ExternalProcess serve(Path data, int apiPort, int peerPort) {
    return new ExternalProcess(
        "speed-bridge serve",
        ExternalProcess.java(
            List.of(),
            "io.bttspeed.bridge.cli.SpeedBridgeCli",
            ServeArgs.of(data, apiPort, peerPort)),
        dir);
  }

  private static Torrent get(SpeedServiceGrpc.SpeedServiceBlockingStub api, String infoHash) {
    return api.getTorrent(GetTorrentRequest.newBuilder().setInfoHash(infoHash).build())
        .getTorrent();
  }

  private static SpeedServiceGrpc.SpeedServiceBlockingStub stub(int port, String token) {
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    Metadata md = new Metadata();
    md.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return SpeedServiceGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(md));
  }
}
