package io.bttspeed.bridge.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.domain.PeerAddress;
import io.bttspeed.bridge.testing.Await;
import io.bttspeed.bridge.testing.TestFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A magnet link alone is enough: the metadata comes from the named peer (BEP 9), then the content.
 */
@Timeout(120)
class MagnetDownloadTest {
  @TempDir Path dir;

  @Test
  void magnetLinkFetchesMetadataFromThePeerThenDownloadsAndSurvivesARestart() {
    Path content = TestFiles.random(dir.resolve("share/film/part1.bin"), 3L * 1024 * 1024 + 5, 31);
    TestFiles.random(dir.resolve("share/film/part2.bin"), 700_000, 32);
    int seederPort = TestFiles.freePort();
    try (TorrentManager seeder = ManagerFixture.open(dir.resolve("seeder"), seederPort)) {
      TorrentManager.Seeded seeded = seeder.seed(content.getParent(), List.of(), List.of());
      InfoHash infoHash = seeded.torrent().infoHash();
      Await.until(
          Duration.ofSeconds(30),
          "seeding",
          () -> seeder.get(infoHash).state() == TorrentState.SEEDING);

      Path downloads = dir.resolve("got");
      int leecherPort = TestFiles.freePort();
      try (TorrentManager leecher = ManagerFixture.open(dir.resolve("leecher"), leecherPort)) {
        TorrentView added =
            leecher.addMagnet(
                seeded.magnet(),
                Optional.of(downloads),
                List.of(new PeerAddress("127.0.0.1", seederPort)),
                false);
        assertEquals(infoHash, added.infoHash());
        Await.until(
            Duration.ofSeconds(60),
            () -> "the magnet download: " + leecher.get(infoHash),
            () -> leecher.get(infoHash).state() == TorrentState.SEEDING);
        assertEquals("film", leecher.get(infoHash).name(), "the name came with the metadata");
      }
      assertTrue(TestFiles.sameContent(content, downloads.resolve("film/part1.bin")));
      assertTrue(
          TestFiles.sameContent(
              dir.resolve("share/film/part2.bin"), downloads.resolve("film/part2.bin")));

      // The metadata fetched from the peer was kept: after a restart the torrent is known without
      // any peer.
      try (TorrentManager restarted = ManagerFixture.open(dir.resolve("leecher"), leecherPort)) {
        Await.until(
            Duration.ofSeconds(30),
            () -> "the restored torrent: " + restarted.get(infoHash),
            () -> restarted.get(infoHash).state() == TorrentState.SEEDING);
        assertEquals(seeded.torrent().totalBytes(), restarted.get(infoHash).totalBytes());
      }
    }
  }
}
