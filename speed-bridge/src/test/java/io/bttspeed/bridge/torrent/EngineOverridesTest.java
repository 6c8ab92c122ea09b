package io.bttspeed.bridge.torrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.limits.Direction;
import io.bttspeed.bridge.limits.Rate;
import io.bttspeed.bridge.limits.RateLimits;
import io.bttspeed.bridge.metainfo.Metainfo;
import io.bttspeed.bridge.testing.Await;
import io.bttspeed.bridge.testing.TestFiles;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behaviours that Bt 1.10 lacks and our Guice overrides add: rate caps and a named-peer source that
 * keeps polling.
 */
@Timeout(120)
class EngineOverridesTest {
  private static final long SIZE = 4L * 1024 * 1024;
  private static final long CAP = 1024 * 1024;

  @TempDir Path dir;

  @Test
  void seederUploadCapHolds() {
    assertCapHolds(true);
  }

  @Test
  void leecherPerTorrentDownloadCapHolds() {
    assertCapHolds(false);
  }

  private void assertCapHolds(boolean capSeederUpload) {
    Path content = TestFiles.random(dir.resolve("seed/data.bin"), SIZE, 2);
    TorrentCreator.Created created = TorrentCreator.create(content, List.of());
    InfoHash infoHash = Metainfo.parse(created.metainfo()).infoHash();
    int seederPort = TestFiles.freePort();
    try (Engine seeder = Engine.start(EngineSettings.defaults(seederPort));
        Engine leecher = Engine.start(EngineSettings.defaults(TestFiles.freePort()))) {
      Rate cap = Rate.bytesPerSecond(CAP);
      if (capSeederUpload) {
        seeder.setGlobalLimit(Direction.UP, cap);
      } else {
        leecher.setTorrentLimit(infoHash, Direction.DOWN, cap);
      }
      seeder.start(infoHash, created.metainfo(), created.downloadDirectory(), List.of(), h -> {});
      long start = System.nanoTime();
      leecher.start(
          infoHash,
          created.metainfo(),
          dir.resolve("leech"),
          List.of(new InetSocketAddress("127.0.0.1", seederPort)),
          h -> {});
      Await.until(
          Duration.ofSeconds(60),
          "the capped download",
          () -> leecher.progress(infoHash).map(TorrentProgress::complete).orElse(false));
      double seconds = (System.nanoTime() - start) / 1e9;
      // Not above the cap by more than the burst (and one 16 KiB block in flight).
      long allowed = (long) (CAP * seconds) + RateLimits.burstFor(cap) + 16 * 1024;
      assertTrue(
          SIZE <= allowed,
          SIZE + " bytes in " + seconds + " s is above the cap of " + CAP + " B/s");
      assertTrue(TestFiles.sameContent(content, dir.resolve("leech/data.bin")));
    }
  }

  @Test
  void connectionWorkersEndWhenIdleInsteadOfStayingForTheEnginesLife() {
    try (Engine engine = Engine.start(EngineSettings.defaults(TestFiles.freePort()))) {
      java.util.concurrent.ThreadPoolExecutor workers = engine.connectionWorkers();
      assertTrue(workers.allowsCoreThreadTimeOut(), "Bt's fixed pool never shrinks by itself");
      assertEquals(
          IdleConnectionWorkers.KEEP_ALIVE.toMillis(),
          workers.getKeepAliveTime(java.util.concurrent.TimeUnit.MILLISECONDS));
    }
  }

  @Test
  void peersExtensionIdsAreForgottenWhenTheirConnectionsEnd() {
    Path content = TestFiles.random(dir.resolve("seed/data.bin"), 1024 * 1024, 4);
    TorrentCreator.Created created = TorrentCreator.create(content, List.of());
    InfoHash infoHash = Metainfo.parse(created.metainfo()).infoHash();
    int seederPort = TestFiles.freePort();
    try (Engine seeder = Engine.start(EngineSettings.defaults(seederPort))) {
      seeder.start(infoHash, created.metainfo(), created.downloadDirectory(), List.of(), h -> {});
      // Each round is a new connection from a new port, so a new peer to Bt, as in a long-lived
      // swarm; Bt 1.10 kept every one of them.
      for (int round = 0; round < 3; round++) {
        Path leech = dir.resolve("leech-" + round);
        try (Engine leecher = Engine.start(EngineSettings.defaults(TestFiles.freePort()))) {
          leecher.start(
              infoHash,
              created.metainfo(),
              leech,
              List.of(new InetSocketAddress("127.0.0.1", seederPort)),
              h -> {});
          Await.until(
              Duration.ofSeconds(60),
              "download " + round,
              () -> leecher.progress(infoHash).map(TorrentProgress::complete).orElse(false));
          assertTrue(
              seeder.peersWithExtensionMappings() >= 1,
              "the seeder keeps the connected leecher's ids (else this reads the wrong table)");
        }
        Await.until(
            Duration.ofSeconds(30),
            "the seeder forgetting the ids of leecher " + round,
            () -> seeder.peersWithExtensionMappings() == 0);
        assertTrue(TestFiles.sameContent(content, leech.resolve("data.bin")));
      }
    }
  }

  @Test
  void namedPeerThatComesUpLaterIsStillDialled() {
    Path content = TestFiles.random(dir.resolve("seed/data.bin"), 1024 * 1024, 3);
    TorrentCreator.Created created = TorrentCreator.create(content, List.of());
    InfoHash infoHash = Metainfo.parse(created.metainfo()).infoHash();
    int seederPort = TestFiles.freePort();
    try (Engine leecher = Engine.start(EngineSettings.defaults(TestFiles.freePort()))) {
      leecher.start(
          infoHash,
          created.metainfo(),
          dir.resolve("leech"),
          List.of(new InetSocketAddress("127.0.0.1", seederPort)),
          h -> {});
      // Bt's own static source would be empty from the second poll on: wait for several polls with
      // nobody there.
      long polls = leecher.namedPeerPolls();
      Await.until(
          Duration.ofSeconds(30),
          "three polls of the named peers",
          () -> leecher.namedPeerPolls() >= polls + 3);
      try (Engine seeder = Engine.start(EngineSettings.defaults(seederPort))) {
        seeder.start(infoHash, created.metainfo(), created.downloadDirectory(), List.of(), h -> {});
        Await.until(
            Duration.ofSeconds(60),
            "the download from the late seeder",
            () -> leecher.progress(infoHash).map(TorrentProgress::complete).orElse(false));
      }
      assertTrue(TestFiles.sameContent(content, dir.resolve("leech/data.bin")));
    }
  }
}
