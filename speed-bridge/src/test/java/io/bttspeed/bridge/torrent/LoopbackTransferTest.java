package io.bttspeed.bridge.torrent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.bridge.domain.InfoHash;
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

/** Our seeder to our leecher on 127.0.0.1, through the engine with all our Bt overrides bound. */
@Timeout(120)
class LoopbackTransferTest {
  @TempDir Path dir;

  @Test
  void leecherDownloadsWhatTheSeederShares() {
    Path content = TestFiles.random(dir.resolve("seed/data.bin"), 6 * 1024 * 1024 + 123, 1);
    int seederPort = TestFiles.freePort();
    try (Engine seeder = Engine.start(EngineSettings.defaults(seederPort));
        Engine leecher = Engine.start(EngineSettings.defaults(TestFiles.freePort()))) {
      download(content, seeder, seederPort, leecher);
      Path downloaded = dir.resolve("leech/data.bin");
      assertTrue(
          TestFiles.sameContent(content, downloaded), "downloaded bytes equal the seeded ones");
      assertTrue(seeder.dispatcherConnections() > 0, "the seeder serves the leecher's connection");

      leecher.close();
      Await.until(
          Duration.ofSeconds(30),
          "the seeder's dispatcher to forget the leecher's connection",
          () -> seeder.dispatcherConnections() == 0);
    }
  }

  @Test
  void stoppingATorrentClosesItsConnectionsOnBothSides() {
    Path content = TestFiles.random(dir.resolve("seed/data.bin"), 1024 * 1024 + 7, 2);
    int seederPort = TestFiles.freePort();
    try (Engine seeder = Engine.start(EngineSettings.defaults(seederPort));
        Engine leecher = Engine.start(EngineSettings.defaults(TestFiles.freePort()))) {
      InfoHash infoHash = download(content, seeder, seederPort, leecher);
      assertTrue(leecher.dispatcherConnections() > 0, "the leecher is connected to the seeder");

      // Stopped, not closed: the engines keep running. Bt alone would keep the connection open,
      // unread, until its 3-minute inactivity purge.
      leecher.stop(infoHash);
      Await.until(
          Duration.ofSeconds(20),
          () ->
              "both sides to drop the stopped torrent's connection: leecher "
                  + leecher.dispatcherConnections()
                  + ", seeder "
                  + seeder.dispatcherConnections(),
          () -> leecher.dispatcherConnections() == 0 && seeder.dispatcherConnections() == 0);
    }
  }

  /** Seeds {@code content} on the seeder, downloads it into leech/ and waits until it verifies. */
  private InfoHash download(Path content, Engine seeder, int seederPort, Engine leecher) {
    TorrentCreator.Created created = TorrentCreator.create(content, List.of());
    InfoHash infoHash = Metainfo.parse(created.metainfo()).infoHash();
    seeder.start(infoHash, created.metainfo(), created.downloadDirectory(), List.of(), h -> {});
    leecher.start(
        infoHash,
        created.metainfo(),
        dir.resolve("leech"),
        List.of(new InetSocketAddress("127.0.0.1", seederPort)),
        h -> {});
    Await.until(
        Duration.ofSeconds(60),
        () -> "download, at " + leecher.progress(infoHash),
        () -> leecher.progress(infoHash).map(TorrentProgress::complete).orElse(false));
    return infoHash;
  }
}
