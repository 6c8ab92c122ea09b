package io.bttspeed.bridge.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.domain.PeerAddress;
import io.bttspeed.bridge.limits.Rate;
import io.bttspeed.bridge.testing.Await;
import io.bttspeed.bridge.testing.TestFiles;
import io.bttspeed.wallet.error.NotFoundException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Seed, download, pause, resume, remove, and a restart in the middle of a download. */
@Timeout(120)
class TorrentLifecycleTest {
  private static final long SIZE = 3L * 1024 * 1024;

  @TempDir Path dir;

  @Test
  void downloadSurvivesARestartAndKeepsTheVerifiedPieces() {
    Path content = TestFiles.random(dir.resolve("share/movie.bin"), SIZE, 11);
    int seederPort = TestFiles.freePort();
    try (TorrentManager seeder = ManagerFixture.open(dir.resolve("seeder"), seederPort)) {
      TorrentManager.Seeded seeded = seeder.seed(content, List.of(), List.of());
      InfoHash infoHash = seeded.torrent().infoHash();
      Path downloads = dir.resolve("downloads");
      Path leecherData = dir.resolve("leecher");
      int leecherPort = TestFiles.freePort();
      List<PeerAddress> peers = List.of(new PeerAddress("127.0.0.1", seederPort));

      int piecesAtStop;
      try (TorrentManager leecher = ManagerFixture.open(leecherData, leecherPort)) {
        // Slow enough to stop in the middle.
        leecher.setLimits(Optional.empty(), Rate.UNLIMITED, Rate.bytesPerSecond(512 * 1024));
        leecher.addMetainfo(seeded.metainfo(), Optional.of(downloads), peers, false);
        Await.until(
            Duration.ofSeconds(30),
            "a third of the pieces",
            () ->
                leecher.get(infoHash).piecesComplete() * 3 >= leecher.get(infoHash).piecesTotal());
        piecesAtStop = leecher.get(infoHash).piecesComplete();
        assertEquals(TorrentState.DOWNLOADING, leecher.get(infoHash).state());
      }

      try (TorrentManager leecher = ManagerFixture.open(leecherData, leecherPort)) {
        leecher.setLimits(Optional.empty(), Rate.UNLIMITED, Rate.UNLIMITED);
        Await.until(
            Duration.ofSeconds(60),
            "the download to complete after the restart",
            () -> leecher.get(infoHash).state() == TorrentState.SEEDING);
        TorrentView done = leecher.get(infoHash);
        long pieceBytes = SIZE / done.piecesTotal() + 1;
        assertTrue(
            done.downloadedBytes() <= SIZE - (long) (piecesAtStop - 1) * pieceBytes,
            "pieces verified before the restart are not downloaded again: "
                + done.downloadedBytes()
                + " bytes downloaded, "
                + piecesAtStop
                + " pieces were held");
        assertTrue(TestFiles.sameContent(content, downloads.resolve("movie.bin")));
      }
    }
  }

  @Test
  void pauseStopsResumeRestartsAndRemoveWithDataDeletesOnlyTheTorrentsFiles() throws Exception {
    Path content = TestFiles.random(dir.resolve("share/album/track1.bin"), 300_000, 12);
    TestFiles.random(dir.resolve("share/album/sub/track2.bin"), 200_000, 13);
    Path unrelated = TestFiles.random(dir.resolve("share/keep.bin"), 10, 14);
    try (TorrentManager manager = ManagerFixture.open(dir.resolve("data"))) {
      TorrentManager.Seeded seeded = manager.seed(content.getParent(), List.of(), List.of());
      InfoHash infoHash = seeded.torrent().infoHash();
      assertTrue(Files.isRegularFile(seeded.torrentFile()));
      assertTrue(seeded.magnet().startsWith("magnet:?xt=urn:btih:" + infoHash.hex()));
      Await.until(
          Duration.ofSeconds(30),
          "seeding",
          () -> manager.get(infoHash).state() == TorrentState.SEEDING);

      assertEquals(TorrentState.PAUSED, manager.pause(infoHash).state());
      assertEquals(TorrentState.PAUSED, manager.get(infoHash).state());
      manager.resume(infoHash);
      Await.until(
          Duration.ofSeconds(30),
          "seeding again",
          () -> manager.get(infoHash).state() == TorrentState.SEEDING);

      manager.remove(infoHash, true);
      assertThrows(NotFoundException.class, () -> manager.get(infoHash));
      assertFalse(
          Files.exists(dir.resolve("share/album")),
          "the torrent's files and emptied directories are gone");
      assertTrue(Files.exists(unrelated), "a file the torrent does not name stays");
      assertEquals(
          List.of(),
          openFilesUnder(dir.resolve("share/album")),
          "Bt released the files before they were deleted, so none stays open, deleted");
    }
  }

  /** This process's open files (Linux's /proc/self/fd) under {@code root}. */
  private static List<String> openFilesUnder(Path root) throws IOException {
    List<String> open = new ArrayList<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith(root.toString())) {
            open.add(target);
          }
        } catch (IOException e) {
          // closed while listed
        }
      }
    }
    return open;
  }
}
