package io.bttspeed.bridge.torrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.metainfo.Metainfo;
import io.bttspeed.bridge.testing.Await;
import io.bttspeed.bridge.testing.MseInitiator;
import io.bttspeed.bridge.testing.TestFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine's connections and encryption: it dials with a plain BitTorrent handshake, and accepts
 * a peer that opens with Message Stream Encryption (either crypto method) as well as a plain one.
 * Peers are raw sockets on 127.0.0.1 speaking the wire protocol, so the bytes themselves are
 * checked; the interop tests do the same with libtorrent.
 */
@Timeout(60)
class PeerEncryptionTest {
  private static final byte[] PLAIN_HEADER =
      "\u0013BitTorrent protocol".getBytes(StandardCharsets.ISO_8859_1);
  private static final byte[] PEER_ID = "-XX0001-abcdefghijkl".getBytes(StandardCharsets.US_ASCII);
  private static final int BITFIELD = 5;

  @TempDir Path dir;

  @Test
  void outgoingConnectionsOpenWithAPlainBitTorrentHandshake() throws IOException {
    Torrent torrent = torrent();
    try (ServerSocket peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Engine leecher = Engine.start(EngineSettings.defaults(TestFiles.freePort()))) {
      peer.setSoTimeout(30_000);
      leecher.start(
          torrent.infoHash,
          torrent.metainfo,
          dir.resolve("leech"),
          List.of(new InetSocketAddress("127.0.0.1", peer.getLocalPort())),
          h -> {});
      try (Socket dialled = peer.accept()) {
        dialled.setSoTimeout(30_000);
        byte[] first = dialled.getInputStream().readNBytes(68);
        assertArrayEquals(
            PLAIN_HEADER, Arrays.copyOf(first, 20), "the first bytes are a plain handshake");
        assertArrayEquals(torrent.infoHash.bytes(), Arrays.copyOfRange(first, 28, 48));
      }
    }
  }

  @ParameterizedTest(name = "crypto_provide {0}")
  @ValueSource(ints = {MseInitiator.CRYPTO_RC4, MseInitiator.CRYPTO_PLAINTEXT})
  void encryptedPeerGetsTheSeedersHandshakeAndBitfield(int provide) throws IOException {
    Torrent torrent = torrent();
    int port = TestFiles.freePort();
    try (Engine seeder = seeding(port, torrent);
        SocketChannel socket = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
      MseInitiator peer = new MseInitiator(socket).sendKey(100).readKey();
      peer.sendRequest(
          torrent.infoHash.bytes(),
          provide,
          MseInitiator.bitTorrentHandshake(torrent.infoHash.bytes(), PEER_ID));
      assertEquals(provide, peer.readAnswer());

      byte[] handshake = peer.receive(68);
      assertArrayEquals(PLAIN_HEADER, Arrays.copyOf(handshake, 20));
      assertArrayEquals(torrent.infoHash.bytes(), Arrays.copyOfRange(handshake, 28, 48));
      assertTrue(receivesBitfield(peer), "the seeder announces its pieces");
      hangUp(socket);
    }
  }

  @Test
  void plainPeerIsStillServed() throws IOException {
    Torrent torrent = torrent();
    int port = TestFiles.freePort();
    try (Engine seeder = seeding(port, torrent);
        Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(30_000);
      socket
          .getOutputStream()
          .write(MseInitiator.bitTorrentHandshake(torrent.infoHash.bytes(), PEER_ID));
      byte[] handshake = socket.getInputStream().readNBytes(68);
      assertArrayEquals(PLAIN_HEADER, Arrays.copyOf(handshake, 20));
      socket.shutdownOutput();
      assertTrue(closedByPeer(socket.getInputStream()));
    }
  }

  @Test
  void garbageInsteadOfAHandshakeIsDroppedQuietly() throws IOException {
    Torrent torrent = torrent();
    int port = TestFiles.freePort();
    PrintStream stderr = System.err;
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    try (Engine seeder = seeding(port, torrent)) {
      System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
      try (Socket socket = new Socket("127.0.0.1", port)) {
        socket.setSoTimeout(30_000);
        // As much as an MSE peer may send before it must show it knows the secret: Ya, PadA of
        // 512 bytes, and the 20 bytes where the req1 hash would be.
        byte[] garbage = new byte[96 + 512 + 20];
        new Random(3).nextBytes(garbage);
        socket.getOutputStream().write(garbage);
        assertTrue(closedByPeer(socket.getInputStream()), "the seeder closes the connection");
      } finally {
        System.setErr(stderr);
      }
      String log = logged.toString(StandardCharsets.UTF_8);
      assertFalse(log.contains("Exception") || log.contains("\tat "), "logged: " + log);

      // And it goes on serving.
      try (SocketChannel socket = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
        MseInitiator peer = new MseInitiator(socket).sendKey(0).readKey();
        peer.sendRequest(torrent.infoHash.bytes(), MseInitiator.CRYPTO_RC4, new byte[0]);
        assertEquals(MseInitiator.CRYPTO_RC4, peer.readAnswer());
        hangUp(socket);
      }
    }
  }

  private record Torrent(InfoHash infoHash, byte[] metainfo, Path directory) {}

  private Torrent torrent() {
    Path content = TestFiles.random(dir.resolve("seed/data.bin"), 256 * 1024 + 5, 9);
    TorrentCreator.Created created = TorrentCreator.create(content, List.of());
    return new Torrent(
        Metainfo.parse(created.metainfo()).infoHash(),
        created.metainfo(),
        created.downloadDirectory());
  }

  private static Engine seeding(int port, Torrent torrent) {
    Engine seeder = Engine.start(EngineSettings.defaults(port));
    seeder.start(torrent.infoHash, torrent.metainfo, torrent.directory, List.of(), h -> {});
    Await.until(
        Duration.ofSeconds(30),
        "the seed to verify",
        () -> seeder.progress(torrent.infoHash).map(TorrentProgress::complete).orElse(false));
    return seeder;
  }

  /**
   * Closes our side first and reads what the seeder still sends until it closes too: a socket
   * closed with unread bytes resets the connection, which Bt logs as an error with a stack trace.
   */
  private static void hangUp(SocketChannel socket) throws IOException {
    socket.shutdownOutput();
    ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
    while (socket.read(sink) >= 0) {
      sink.clear();
    }
  }

  /** Reads until the peer closes (or resets) the connection; false if it keeps it open. */
  private static boolean closedByPeer(InputStream in) throws IOException {
    try {
      while (in.read(new byte[1024]) >= 0) {
        // the seeder's key and padding
      }
      return true;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (java.net.SocketException e) {
      return true; // reset: closed with our bytes unread
    }
  }

  /** Reads the seeder's first messages (through RC4 if selected) looking for its bitfield. */
  private static boolean receivesBitfield(MseInitiator peer) throws IOException {
    for (int i = 0; i < 5; i++) {
      int length = ByteBuffer.wrap(peer.receive(4)).getInt();
      if (length == 0) {
        continue; // keep-alive
      }
      byte[] message = peer.receive(length);
      if (message[0] == BITFIELD) {
        return true;
      }
    }
    return false;
  }
}
