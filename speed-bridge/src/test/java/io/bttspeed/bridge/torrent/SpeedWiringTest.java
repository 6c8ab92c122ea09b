package io.bttspeed.bridge.torrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.bttspeed.bridge.accounting.PeerTrafficListener;
import io.bttspeed.bridge.choke.ChokerSettings;
import io.bttspeed.bridge.choke.SlotPolicy;
import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.limits.Direction;
import io.bttspeed.bridge.limits.Rate;
import io.bttspeed.bridge.metainfo.Metainfo;
import io.bttspeed.bridge.protocol.SpeedMessage;
import io.bttspeed.bridge.protocol.SpeedMessage.BidAck;
import io.bttspeed.bridge.protocol.SpeedMessage.Hello;
import io.bttspeed.bridge.protocol.SpeedSession;
import io.bttspeed.bridge.testing.Await;
import io.bttspeed.bridge.testing.ExternalProcess;
import io.bttspeed.bridge.testing.TestFiles;
import io.bttspeed.tron.address.TronAddress;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * bt_speed over real Bt engines on 127.0.0.1: negotiation, sessions, violations, and ordinary
 * peers.
 */
@Timeout(150)
class SpeedWiringTest {
  static final TronAddress ADDRESS = TronAddress.parse("TWer2Ygk5TEheHp3TPuYeqxmB6SsGZmaL6");

  @TempDir Path dir;

  /** Says hello on every speed link and records what each session lets through. */
  static final class Recorder implements SpeedListener {
    final Map<PeerLink, SpeedSession> sessions = new ConcurrentHashMap<>();
    final List<SpeedMessage> received = new CopyOnWriteArrayList<>();
    final List<PeerLink> disconnected = new CopyOnWriteArrayList<>();

    @Override
    public void connected(PeerLink link) {
      SpeedSession session = sessions.computeIfAbsent(link, l -> new SpeedSession());
      link.send(new Hello(1, ADDRESS, 150615991L, List.of(), Map.of()));
      session.helloSent();
    }

    @Override
    public void received(PeerLink link, byte[] payload, int length) {
      sessions
          .computeIfAbsent(link, l -> new SpeedSession())
          .receive(payload, length)
          .ifPresent(received::add);
    }

    @Override
    public void disconnected(PeerLink link) {
      disconnected.add(link);
    }

    boolean anyActive() {
      return sessions.values().stream().anyMatch(SpeedSession::active);
    }

    PeerLink onlyLink() {
      assertEquals(1, sessions.size(), "one speed link");
      return sessions.keySet().iterator().next();
    }
  }

  private record Swarm(
      TorrentCreator.Created created, InfoHash infoHash, Path content, int seederPort) {}

  private Swarm swarm(long size) {
    Path content = TestFiles.random(dir.resolve("seed/data.bin"), size, 7);
    TorrentCreator.Created created = TorrentCreator.create(content, List.of());
    return new Swarm(
        created, Metainfo.parse(created.metainfo()).infoHash(), content, TestFiles.freePort());
  }

  private static Engine speedEngine(int port, SpeedListener listener) {
    return Engine.start(
        EngineSettings.defaults(port),
        ChokerSettings.defaults(),
        PeerTrafficListener.NONE,
        listener,
        SlotPolicy.none());
  }

  private void awaitComplete(Engine leecher, InfoHash infoHash, Path content, Path downloaded) {
    Await.until(
        Duration.ofSeconds(90),
        () -> "download, at " + leecher.progress(infoHash),
        () -> leecher.progress(infoHash).map(TorrentProgress::complete).orElse(false));
    assertTrue(
        TestFiles.sameContent(content, downloaded), "downloaded bytes equal the seeded ones");
  }

  @Test
  void speedPeersExchangeHellosThenMessagesBothWays() {
    Swarm s = swarm(3L * 1024 * 1024);
    Recorder seederSide = new Recorder();
    Recorder leecherSide = new Recorder();
    try (Engine seeder = speedEngine(s.seederPort, seederSide);
        Engine leecher = speedEngine(TestFiles.freePort(), leecherSide)) {
      seeder.start(
          s.infoHash, s.created.metainfo(), s.created.downloadDirectory(), List.of(), h -> {});
      leecher.start(
          s.infoHash,
          s.created.metainfo(),
          dir.resolve("leech"),
          List.of(new InetSocketAddress("127.0.0.1", s.seederPort)),
          h -> {});
      Await.until(
          Duration.ofSeconds(30),
          "both sessions active",
          () -> seederSide.anyActive() && leecherSide.anyActive());
      assertTrue(seederSide.received.get(0) instanceof Hello);
      BidAck ack = new BidAck(BigInteger.valueOf(42), true, 1 << 20);
      assertTrue(seederSide.onlyLink().send(ack));
      Await.until(
          Duration.ofSeconds(10),
          "the bid_ack at the leecher",
          () -> leecherSide.received.contains(ack));
      assertTrue(seederSide.onlyLink().protocolBytesSent() > 0);
      awaitComplete(leecher, s.infoHash, s.content, dir.resolve("leech/data.bin"));
    }
  }

  @Test
  void malformedOrOversizeMessagesEndOnlyTheSpeedSessionNotTheConnection() {
    Swarm s = swarm(6L * 1024 * 1024);
    Recorder seederSide = new Recorder();
    Recorder leecherSide = new Recorder();
    for (byte[] hostile : List.of("d1:t3:tipe".getBytes(), new byte[5000])) {
      seederSide.sessions.clear();
      leecherSide.sessions.clear();
      seederSide.received.clear();
      Path into = dir.resolve("leech-" + hostile.length);
      try (Engine seeder = speedEngine(s.seederPort, seederSide);
          Engine leecher = speedEngine(TestFiles.freePort(), leecherSide)) {
        seeder.setGlobalLimit(
            Direction.UP, Rate.bytesPerSecond(2 * 1024 * 1024)); // still running when hit
        seeder.start(
            s.infoHash, s.created.metainfo(), s.created.downloadDirectory(), List.of(), h -> {});
        leecher.start(
            s.infoHash,
            s.created.metainfo(),
            into,
            List.of(new InetSocketAddress("127.0.0.1", s.seederPort)),
            h -> {});
        Await.until(
            Duration.ofSeconds(30),
            "sessions active",
            () -> seederSide.anyActive() && leecherSide.anyActive());
        PeerLink atSeeder = seederSide.onlyLink();
        leecherSide.onlyLink().sendRaw(hostile);
        Await.until(
            Duration.ofSeconds(10),
            "the seeder to end the session",
            () -> seederSide.sessions.get(atSeeder).ended());
        // A well-formed message after the violation no longer counts.
        leecherSide.onlyLink().send(new BidAck(BigInteger.ONE, false, 0));
        awaitComplete(leecher, s.infoHash, s.content, into.resolve("data.bin"));
        assertTrue(atSeeder.isOpen(), "the BitTorrent connection went on");
        assertTrue(seederSide.disconnected.isEmpty(), "no disconnect");
        assertEquals(
            1, seederSide.received.size(), "only the hello counted: " + seederSide.received);
      }
      s = new Swarm(s.created, s.infoHash, s.content, TestFiles.freePort());
    }
  }

  @Test
  void anOrdinaryPeerIsNeverSentSpeedMessagesAndStillDownloads() {
    Swarm s = swarm(3L * 1024 * 1024);
    Recorder seederSide = new Recorder();
    try (Engine seeder = speedEngine(s.seederPort, seederSide);
        Engine ordinary = Engine.start(EngineSettings.defaults(TestFiles.freePort()))) {
      seeder.start(
          s.infoHash, s.created.metainfo(), s.created.downloadDirectory(), List.of(), h -> {});
      ordinary.start(
          s.infoHash,
          s.created.metainfo(),
          dir.resolve("leech"),
          List.of(new InetSocketAddress("127.0.0.1", s.seederPort)),
          h -> {});
      awaitComplete(ordinary, s.infoHash, s.content, dir.resolve("leech/data.bin"));
      assertTrue(seederSide.sessions.isEmpty(), "the ordinary peer never became a speed link");
      List<PeerLink> links = seeder.links(s.infoHash);
      assertFalse(links.isEmpty());
      for (PeerLink link : links) {
        assertFalse(link.speaksSpeed());
        assertFalse(
            link.send(new BidAck(BigInteger.ONE, true, 0)), "nothing is sent to an ordinary peer");
        assertEquals(0, link.protocolBytesSent());
      }
    }
  }

  @Test
  void libtorrentLeecherDownloadsFromASpeedSeeder() throws Exception {
    assumeTrue(libtorrentAvailable(), "python3-libtorrent is not installed");
    Swarm s = swarm(5L * 1024 * 1024 + 77);
    Path torrentFile = Files.write(dir.resolve("data.torrent"), s.created.metainfo());
    Recorder seederSide = new Recorder();
    try (Engine seeder = speedEngine(s.seederPort, seederSide)) {
      seeder.start(
          s.infoHash, s.created.metainfo(), s.created.downloadDirectory(), List.of(), h -> {});
      try (ExternalProcess lt =
          new ExternalProcess(
              "libtorrent leecher",
              List.of(
                  "/usr/bin/python3",
                  script(),
                  "leech",
                  torrentFile.toString(),
                  dir.resolve("lt-got").toString(),
                  Integer.toString(TestFiles.freePort()),
                  "127.0.0.1:" + s.seederPort),
              dir)) {
        assertEquals(0, lt.awaitExit(Duration.ofSeconds(120)), lt.tail());
      }
      assertTrue(TestFiles.sameContent(s.content, dir.resolve("lt-got/data.bin")));
      assertTrue(
          seederSide.sessions.isEmpty(), "libtorrent does not speak bt_speed and was sent nothing");
    }
  }

  private static boolean libtorrentAvailable() {
    try {
      return new ProcessBuilder("/usr/bin/python3", "-c", "import libtorrent").start().waitFor()
          == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String script() throws IOException {
    Path target = dir.resolve("lt_peer.py");
    try (InputStream in = SpeedWiringTest.class.getResourceAsStream("/interop/lt_peer.py")) {
      Files.copy(in, target);
    }
    return target.toString();
  }
}
