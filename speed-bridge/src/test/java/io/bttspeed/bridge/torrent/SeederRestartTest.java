package io.bttspeed.bridge.torrent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.limits.Direction;
import io.bttspeed.bridge.limits.Rate;
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
 * A leecher whose seeder went away and came back on the same address: the new connection has the
 * same Bt connection key as the dead one, and the download must go on over it (DaemonCrashTest
 * shows the same with a seeder killed by SIGKILL; this is its fast, in-process form).
 */
@Timeout(90)
class SeederRestartTest {
  private static final long SIZE = 4L * 1024 * 1024;

  @TempDir Path dir;

  @Test
  void downloadGoesOnAfterTheSeederRestartsOnTheSamePort() {
    Path content = TestFiles.random(dir.resolve("seed/data.bin"), SIZE, 61);
    TorrentCreator.Created created = TorrentCreator.create(content, List.of());
    InfoHash infoHash = Metainfo.parse(created.metainfo()).infoHash();
    int seederPort = TestFiles.freePort();
    try (Engine leecher = Engine.start(EngineSettings.defaults(TestFiles.freePort()))) {
      try (Engine seeder = Engine.start(EngineSettings.defaults(seederPort))) {
        // Slow enough that the seeder goes away in the middle of the download.
        seeder.setGlobalLimit(Direction.UP, Rate.bytesPerSecond(512 * 1024));
        seeder.start(infoHash, created.metainfo(), created.downloadDirectory(), List.of(), h -> {});
        leecher.start(
            infoHash,
            created.metainfo(),
            dir.resolve("leech"),
            List.of(new InetSocketAddress("127.0.0.1", seederPort)),
            h -> {});
        Await.until(
            Duration.ofSeconds(30),
            () -> "a quarter of the pieces, at " + leecher.progress(infoHash),
            () ->
                leecher
                    .progress(infoHash)
                    .map(p -> p.piecesTotal() > 0 && p.piecesComplete() * 4 >= p.piecesTotal())
                    .orElse(false));
      }
      // The leecher has noticed and forgotten the dead connection before the seeder is back, as
      // when a daemon takes seconds to start again.
      Await.until(
          Duration.ofSeconds(20),
          () -> "the leecher to drop the dead connection:\n" + leecher.diagnostics(),
          () -> leecher.dispatcherConnections() == 0);
      TorrentProgress atRestart = leecher.progress(infoHash).orElseThrow();
      assertTrue(!atRestart.complete(), "the seeder went away before the end: " + atRestart);

      try (Engine seeder = Engine.start(EngineSettings.defaults(seederPort))) {
        seeder.start(infoHash, created.metainfo(), created.downloadDirectory(), List.of(), h -> {});
        Await.until(
            Duration.ofSeconds(30),
            () ->
                "the download over the new connection, at "
                    + leecher.progress(infoHash)
                    + " (at the restart "
                    + atRestart
                    + ")\nleecher "
                    + leecher.diagnostics(),
            () -> leecher.progress(infoHash).map(TorrentProgress::complete).orElse(false));
      }
      assertTrue(TestFiles.sameContent(content, dir.resolve("leech/data.bin")));
    }
  }
}
