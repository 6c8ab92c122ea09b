package io.bttspeed.bridge.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bttspeed.bridge.testing.Await;
import io.bttspeed.bridge.testing.Bencoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's ordinary peer as a real python3-libtorrent process, with no seeder to reach: it
 * reports its own progress, says why it gave up, and never outlives the demo. Skipped without
 * python3-libtorrent.
 */
class OrdinaryPeerTest {
  private static final int SIZE = 16384;

  @TempDir Path dir;

  private byte[] torrent;
  private int nobodyListens;

  @BeforeEach
  void needsLibtorrent() {
    assumeTrue(Libtorrent.unavailable().isEmpty(), () -> Libtorrent.unavailable().orElseThrow());
    torrent =
        Bencoder.encode(
            Map.of(
                "info",
                Map.of(
                    "name",
                    "one-piece.bin",
                    "length",
                    SIZE,
                    "piece length",
                    SIZE,
                    "pieces",
                    new byte[20])));
    nobodyListens = DemoSwarm.freePort();
  }

  @Test
  void itReportsItsOwnProgressAndIsKilledOnClose() {
    OrdinaryPeer peer = OrdinaryPeer.start(dir, torrent, nobodyListens, Duration.ofMinutes(5));
    long pid = peer.pid();
    try {
      Await.until(
          Duration.ofSeconds(30),
          () -> "a progress line from the peer; its progress: " + peer.progress(),
          () -> peer.lastReport().isPresent() || peer.progress().stopped().isPresent());
      OrdinaryPeerOutput.Report report = peer.lastReport().orElseThrow();
      assertEquals(SIZE, report.totalBytes());
      assertEquals(0, report.verifiedBytes());
      assertFalse(peer.progress().complete());
      assertTrue(peer.progress().stopped().isEmpty(), peer.progress().toString());
    } finally {
      peer.close();
    }
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
  }

  @Test
  void aPeerThatGivesUpSaysWhy() {
    try (OrdinaryPeer peer =
        OrdinaryPeer.start(dir, torrent, nobodyListens, Duration.ofSeconds(1))) {
      Await.until(
          Duration.ofSeconds(30),
          () -> "the peer to give up; its progress: " + peer.progress(),
          () -> peer.progress().stopped().isPresent());
      String why = peer.progress().stopped().orElseThrow();
      assertTrue(why.contains("exited with 1") && why.contains("TIMEOUT"), why);
    }
  }

  /** A demo killed outright runs no shutdown hook; the peer must notice by itself. */
  @Test
  void anOrphanedPeerExitsWhenItsInputCloses() throws IOException, InterruptedException {
    Path script = OrdinaryPeer.writeScript(dir);
    Path torrentFile = Files.write(dir.resolve("t.torrent"), torrent);
    Process process =
        new ProcessBuilder(
                Libtorrent.PYTHON.toString(),
                "-B",
                script.toString(),
                torrentFile.toString(),
                dir.resolve("dl").toString(),
                Integer.toString(DemoSwarm.freePort()),
                "127.0.0.1:" + nobodyListens,
                "300")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      process.getOutputStream().close();
      assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the orphaned peer still runs");
      assertEquals(3, process.exitValue());
    } finally {
      process.destroyForcibly();
    }
  }
}
