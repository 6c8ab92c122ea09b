package io.bttspeed.bridge.torrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.bridge.accounting.PeerTrafficListener;
import io.bttspeed.bridge.choke.ChokerSettings;
import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.domain.PeerAddress;
import io.bttspeed.bridge.limits.Direction;
import io.bttspeed.bridge.limits.Rate;
import io.bttspeed.bridge.metainfo.Metainfo;
import io.bttspeed.bridge.testing.Await;
import io.bttspeed.bridge.testing.TestFiles;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leechers that trade two torrents among themselves, behind a capped seeder, verify every piece the
 * first time: no block of one torrent (or of another connection) lands in another's piece.
 *
 * <p>Bt 1.10 filed received blocks under piece index and offset alone, for the whole runtime, so
 * two torrents of equal piece size swapped blocks several times a run here (ReceivedBlocks).
 */
@Timeout(300)
class MeshIntegrityTest {
  private static final int LEECHERS = 5;
  private static final int TORRENTS = 2;
  private static final int PIECE = 256 * 1024;
  private static final int BLOCK = 16 * 1024;
  private static final long SIZE = 8L * 1024 * 1024;

  @TempDir Path dir;

  private final List<TorrentCreator.Created> torrents = new ArrayList<>();
  private final List<InfoHash> hashes = new ArrayList<>();
  private final List<String> failures = new CopyOnWriteArrayList<>();

  @Test
  void leechersDownloadingTwoTorrentsAtOnceVerifyEveryPieceFirstTime() throws Exception {
    swarm(
        (n, leecher, peers) -> {
          Path into = downloadBoth(n, leecher, peers);
          for (int t = 0; t < TORRENTS; t++) {
            assertTrue(TestFiles.sameContent(seedFile(t), into.resolve(fileName(t))));
          }
        });
  }

  @Test
  void peersOfConnectionsThatEndedAreForgottenEvenWhenBtReportsNoEnd() throws Exception {
    swarm(
        (n, leecher, peers) -> {
          downloadBoth(n, leecher, peers);
          for (int t = 0; t < TORRENTS; t++) {
            leecher.stopAndRelease(hashes.get(t));
          }
          Await.until(
              Duration.ofSeconds(30),
              "leecher " + n + "'s connections to end",
              () -> leecher.dispatcherConnections() == 0);
          // Meshed peers dial each other at once, and Bt closes the duplicate connections without
          // an event: without the sweep, 26 to 110 peers per leecher stayed here.
          assertEquals(
              0, leecher.peersWithExtensionMappingsAfterSweeps(), "leecher " + n + "'s peers kept");
        });
  }

  @Test
  void leechersThatRemoveTorrentsAndAddThemAgainVerifyEveryPieceFirstTime() throws Exception {
    swarm(
        (n, leecher, peers) -> {
          Path into = dir.resolve("leech-" + n);
          for (int round = 0; round < 4; round++) {
            int t = (n + round) % TORRENTS;
            leecher.start(hashes.get(t), torrents.get(t).metainfo(), into, peers, h -> {});
            awaitComplete(leecher, t, "leecher " + n + " round " + round);
            leecher.stopAndRelease(hashes.get(t));
            Files.delete(into.resolve(fileName(t)));
          }
        });
  }

  private interface Leeching {
    void run(int n, Engine leecher, List<InetSocketAddress> peers) throws Exception;
  }

  /** A capped seeder of both torrents and {@link #LEECHERS} leechers told of all, each leeching. */
  private void swarm(Leeching leeching) throws Exception {
    for (int t = 0; t < TORRENTS; t++) {
      TorrentCreator.Created created =
          TorrentCreator.create(
              TestFiles.random(dir.resolve("seed-" + t).resolve(fileName(t)), SIZE, 20 + t),
              List.of());
      torrents.add(created);
      hashes.add(Metainfo.parse(created.metainfo()).infoHash());
    }
    int seederPort = TestFiles.freePort();
    List<Integer> ports = new ArrayList<>();
    for (int i = 0; i < LEECHERS; i++) {
      ports.add(TestFiles.freePort());
    }
    List<Engine> leechers = new ArrayList<>();
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    try (Engine seeder = Engine.start(EngineSettings.defaults(seederPort))) {
      seeder.setGlobalLimit(Direction.UP, Rate.bytesPerSecond(3L * 1024 * 1024));
      for (int t = 0; t < TORRENTS; t++) {
        TorrentCreator.Created c = torrents.get(t);
        seeder.start(hashes.get(t), c.metainfo(), c.downloadDirectory(), List.of(), h -> {});
      }
      List<Thread> drivers = new ArrayList<>();
      for (int i = 0; i < LEECHERS; i++) {
        int n = i;
        Engine leecher =
            Engine.start(
                EngineSettings.defaults(ports.get(i)), ChokerSettings.defaults(), failures(n));
        leechers.add(leecher);
        List<InetSocketAddress> peers = new ArrayList<>();
        peers.add(new InetSocketAddress("127.0.0.1", seederPort));
        for (int j = 0; j < LEECHERS; j++) {
          if (j != i) {
            peers.add(new InetSocketAddress("127.0.0.1", ports.get(j)));
          }
        }
        Thread driver =
            new Thread(
                () -> {
                  try {
                    leeching.run(n, leecher, peers);
                  } catch (Throwable e) {
                    errors.add(e);
                  }
                },
                "leecher-" + n);
        drivers.add(driver);
        driver.start();
      }
      for (Thread d : drivers) {
        d.join();
      }
    } finally {
      leechers.forEach(Engine::close);
    }
    if (!errors.isEmpty()) {
      throw new AssertionError("a leecher failed", errors.get(0));
    }
    assertEquals(List.of(), failures, "pieces that failed their hash check, and why");
  }

  /** Records each failed piece with what its wrong blocks were. */
  private PeerTrafficListener failures(int n) {
    return new PeerTrafficListener() {
      @Override
      public void pieceFailed(InfoHash torrent, int piece, Map<PeerAddress, Long> by) {
        int t = hashes.indexOf(torrent);
        failures.add(
            "leecher "
                + n
                + " torrent "
                + t
                + " piece "
                + piece
                + " from "
                + by
                + wrongBlocks(n, t, piece));
      }
    };
  }

  /** Which blocks of the failed piece are wrong, and whose they are. */
  private String wrongBlocks(int n, int t, int piece) {
    StringBuilder out = new StringBuilder();
    try {
      byte[] got = readPiece(dir.resolve("leech-" + n).resolve(fileName(t)), piece);
      byte[] want = readPiece(seedFile(t), piece);
      byte[] other = readPiece(seedFile(1 - t), piece);
      for (int from = 0; from < PIECE; from += BLOCK) {
        if (Arrays.equals(got, from, from + BLOCK, want, from, from + BLOCK)) {
          continue;
        }
        boolean swapped = Arrays.equals(got, from, from + BLOCK, other, from, from + BLOCK);
        out.append("; block at ")
            .append(from)
            .append(swapped ? " is the other torrent's" : " is wrong");
      }
    } catch (IOException e) {
      out.append("; unreadable: ").append(e);
    }
    return out.toString();
  }

  /** Has the leecher download both torrents at once; returns where they went. */
  private Path downloadBoth(int n, Engine leecher, List<InetSocketAddress> peers) {
    Path into = dir.resolve("leech-" + n);
    for (int t = 0; t < TORRENTS; t++) {
      leecher.start(hashes.get(t), torrents.get(t).metainfo(), into, peers, h -> {});
    }
    for (int t = 0; t < TORRENTS; t++) {
      awaitComplete(leecher, t, "leecher " + n + " torrent " + t);
    }
    return into;
  }

  private void awaitComplete(Engine leecher, int t, String what) {
    InfoHash h = hashes.get(t);
    Await.until(
        Duration.ofSeconds(120),
        what,
        () -> leecher.progress(h).map(TorrentProgress::complete).orElse(false));
  }

  private Path seedFile(int t) {
    return dir.resolve("seed-" + t).resolve(fileName(t));
  }

  private static String fileName(int t) {
    return "data-" + t + ".bin";
  }

  private static byte[] readPiece(Path file, int piece) throws IOException {
    try (FileChannel channel = FileChannel.open(file)) {
      ByteBuffer buffer = ByteBuffer.allocate(PIECE);
      channel.read(buffer, (long) piece * PIECE);
      return buffer.array();
    }
  }
}
