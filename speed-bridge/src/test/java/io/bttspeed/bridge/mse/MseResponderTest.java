package io.bttspeed.bridge.mse;

import static io.bttspeed.bridge.testing.MseInitiator.CRYPTO_PLAINTEXT;
import static io.bttspeed.bridge.testing.MseInitiator.CRYPTO_RC4;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.testing.MseInitiator;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The receiving side of MSE over real sockets on 127.0.0.1, against {@link MseInitiator}: both
 * crypto methods, the plain handshake, and the hostile peers it must refuse within its bounds.
 */
@Timeout(30)
class MseResponderTest {
  private static final byte[] SERVED =
      HexFormat.of().parseHex("0123456789abcdef0123456789abcdef01234567");
  private static final byte[] NOT_SERVED = new byte[20];
  private static final byte[] PEER_ID = "-XX0001-abcdefghijkl".getBytes(StandardCharsets.US_ASCII);
  private static final Duration DEADLINE = Duration.ofSeconds(5);

  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private ServerSocketChannel server;
  private SocketChannel client;
  private SocketChannel accepted;

  @BeforeEach
  void connect() throws IOException {
    server = ServerSocketChannel.open();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    client = SocketChannel.open(server.getLocalAddress());
    accepted = server.accept();
  }

  @AfterEach
  void close() throws IOException {
    executor.shutdownNow();
    client.close();
    accepted.close();
    server.close();
  }

  @Test
  void plainHandshakeIsHandedOnAsItCame() throws Exception {
    byte[] handshake = MseInitiator.bitTorrentHandshake(SERVED, PEER_ID);
    client.write(ByteBuffer.wrap(handshake));
    Negotiated negotiated = respond(DEADLINE).get();
    assertEquals(Negotiated.Kind.PLAINTEXT, negotiated.kind());
    assertTrue(negotiated.ciphers().isEmpty());
    assertArrayEquals(handshake, new Stream(negotiated).read(handshake.length));
  }

  @Test
  void peerThatProvidesRc4GetsAnEncryptedStreamStartingWithItsInitialPayload() throws Exception {
    Future<Negotiated> responding = respond(DEADLINE);
    byte[] ia = MseInitiator.bitTorrentHandshake(SERVED, PEER_ID);
    MseInitiator peer =
        new MseInitiator(client).sendKey(300).readKey().sendRequest(SERVED, CRYPTO_RC4, ia);
    assertEquals(CRYPTO_RC4, peer.readAnswer());
    Negotiated negotiated = responding.get();
    assertEquals(Negotiated.Kind.MSE_RC4, negotiated.kind());
    Stream stream = new Stream(negotiated);
    assertArrayEquals(ia, stream.read(ia.length));

    // Both directions go on in the same RC4 streams.
    peer.send("interested".getBytes(StandardCharsets.US_ASCII));
    assertEquals("interested", stream.readText(10));
    MseCiphers ciphers = negotiated.ciphers().orElseThrow();
    byte[] answer = "bitfield".getBytes(StandardCharsets.US_ASCII);
    ciphers.encrypt(answer);
    accepted.write(ByteBuffer.wrap(answer));
    assertEquals("bitfield", new String(peer.receive(8), StandardCharsets.US_ASCII));
  }

  @Test
  void peerThatProvidesBothGetsPlaintextAsLibtorrentAnswersByDefault() throws Exception {
    Future<Negotiated> responding = respond(DEADLINE);
    MseInitiator peer =
        new MseInitiator(client)
            .sendKey(0)
            .readKey()
            .sendRequest(SERVED, CRYPTO_PLAINTEXT | CRYPTO_RC4, new byte[0]);
    assertEquals(CRYPTO_PLAINTEXT, peer.readAnswer(), "RC4 only for a peer that requires it");
    assertEquals(Negotiated.Kind.MSE_PLAINTEXT, responding.get().kind());
  }

  @Test
  void peerThatProvidesPlaintextOnlyGetsItsInitialPayloadDecryptedAndAPlainStream()
      throws Exception {
    Future<Negotiated> responding = respond(DEADLINE);
    byte[] ia = MseInitiator.bitTorrentHandshake(SERVED, PEER_ID);
    MseInitiator peer =
        new MseInitiator(client)
            .sendKey(512)
            .readKey()
            .sendRequest(SERVED, new byte[8], CRYPTO_PLAINTEXT, 512, ia);
    assertEquals(CRYPTO_PLAINTEXT, peer.readAnswer());
    Negotiated negotiated = responding.get();
    assertEquals(Negotiated.Kind.MSE_PLAINTEXT, negotiated.kind());
    assertTrue(negotiated.ciphers().isEmpty());
    assertArrayEquals(ia, Arrays.copyOf(negotiated.leftover(), ia.length), "IA is whole");
    peer.send("interested".getBytes(StandardCharsets.US_ASCII));
    Stream stream = new Stream(negotiated);
    assertArrayEquals(ia, stream.read(ia.length));
    assertEquals("interested", stream.readText(10));
  }

  /** Peers the responder must refuse, each with what it sends. */
  enum Hostile {
    GARBAGE("no req1 hash") {
      @Override
      void act(MseInitiator peer, SocketChannel socket) throws IOException {
        byte[] garbage = new byte[1200];
        new Random(7).nextBytes(garbage);
        socket.write(ByteBuffer.wrap(garbage));
      }
    },
    PAD_A_ABOVE_512("no req1 hash") {
      @Override
      void act(MseInitiator peer, SocketChannel socket) throws IOException {
        peer.sendKey(513).readKey().sendRequest(SERVED, CRYPTO_RC4, new byte[0]);
      }
    },
    PAD_C_ABOVE_512("PadC of 513 bytes") {
      @Override
      void act(MseInitiator peer, SocketChannel socket) throws IOException {
        peer.sendKey(0).readKey().sendRequest(SERVED, new byte[8], CRYPTO_RC4, 513, new byte[0]);
      }
    },
    TORRENT_NOT_SERVED("a torrent we do not serve") {
      @Override
      void act(MseInitiator peer, SocketChannel socket) throws IOException {
        peer.sendKey(0).readKey().sendRequest(NOT_SERVED, CRYPTO_RC4, new byte[0]);
      }
    },
    WRONG_VERIFICATION_CONSTANT("verification constant") {
      @Override
      void act(MseInitiator peer, SocketChannel socket) throws IOException {
        byte[] vc = new byte[8];
        vc[3] = 1;
        peer.sendKey(0).readKey().sendRequest(SERVED, vc, CRYPTO_RC4, 0, new byte[0]);
      }
    },
    NO_CRYPTO_METHOD("neither RC4 nor plaintext") {
      @Override
      void act(MseInitiator peer, SocketChannel socket) throws IOException {
        peer.sendKey(0).readKey().sendRequest(SERVED, 0x04, new byte[0]);
      }
    },
    DEGENERATE_PUBLIC_KEY("not a key of the MSE group") {
      @Override
      void act(MseInitiator peer, SocketChannel socket) throws IOException {
        byte[] one = new byte[DhKeys.KEY_BYTES];
        one[DhKeys.KEY_BYTES - 1] = 1;
        peer.sendKey(one, 0);
      }
    },
    CLOSES_MID_HANDSHAKE("closed the connection") {
      @Override
      void act(MseInitiator peer, SocketChannel socket) throws IOException {
        socket.write(ByteBuffer.wrap(new byte[50]));
        socket.close();
      }
    };

    final String reason;

    Hostile(String reason) {
      this.reason = reason;
    }

    abstract void act(MseInitiator peer, SocketChannel socket) throws IOException;
  }

  @ParameterizedTest
  @EnumSource(Hostile.class)
  void hostilePeerIsRefusedWithoutWaitingForTheDeadline(Hostile hostile) throws Exception {
    Future<Negotiated> responding = respond(Duration.ofSeconds(20));
    hostile.act(new MseInitiator(client), client);
    // Refused on what was sent, well before the 20 s deadline (the test's timeout is 30 s).
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> responding.get(10, TimeUnit.SECONDS));
    assertInstanceOf(HandshakeRefused.class, e.getCause(), hostile + ": " + e.getCause());
    assertTrue(e.getCause().getMessage().contains(hostile.reason), e.getCause().getMessage());
  }

  @Test
  void silentPeerIsRefusedAtTheDeadline() {
    Duration deadline = Duration.ofMillis(300);
    long start = System.nanoTime();
    Future<Negotiated> responding = respond(deadline);
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> responding.get(10, TimeUnit.SECONDS));
    assertInstanceOf(HandshakeRefused.class, e.getCause());
    assertTrue(e.getCause().getMessage().contains("deadline"), e.getCause().getMessage());
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(took.compareTo(deadline) >= 0, "refused after " + took);
    assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "refused only after " + took);
  }

  @Test
  void slowPeerIsRefusedAtTheDeadlineOfTheWholeHandshake() throws Exception {
    Duration deadline = Duration.ofMillis(500);
    Future<Negotiated> responding = respond(deadline);
    // One byte at a time keeps each read short; the deadline is for the whole handshake.
    long start = System.nanoTime();
    ExecutionException e = null;
    for (int i = 0; i < 2_000 && e == null; i++) {
      client.write(ByteBuffer.wrap(new byte[] {(byte) i}));
      try {
        responding.get(5, TimeUnit.MILLISECONDS);
      } catch (ExecutionException refused) {
        e = refused;
      } catch (java.util.concurrent.TimeoutException notYet) {
        // go on trickling
      }
    }
    assertTrue(e != null, "the trickling peer was never refused");
    assertInstanceOf(HandshakeRefused.class, e.getCause());
    assertTrue(e.getCause().getMessage().contains("deadline"), e.getCause().getMessage());
    assertTrue(
        Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(5)) < 0,
        "refused late");
  }

  @Test
  void keyExchangeUsesTheSpecsPrime() {
    assertEquals(768, DhKeys.P.bitLength());
    assertTrue(DhKeys.P.isProbablePrime(64));
    SecureRandom random = new SecureRandom();
    DhKeys a = DhKeys.generate(random);
    DhKeys b = DhKeys.generate(random);
    assertArrayEquals(
        uncheckedSecret(a, b.publicKey()), uncheckedSecret(b, a.publicKey()), "both sides get S");
    assertEquals(DhKeys.KEY_BYTES, a.publicKey().length);
    assertTrue(new BigInteger(1, a.publicKey()).compareTo(DhKeys.P) < 0);
  }

  private static byte[] uncheckedSecret(DhKeys keys, byte[] peer) {
    try {
      return keys.sharedSecret(peer);
    } catch (HandshakeRefused e) {
      throw new AssertionError(e);
    }
  }

  private Future<Negotiated> respond(Duration deadline) {
    MseResponder responder = new MseResponder(deadline, new SecureRandom());
    return executor.submit(() -> responder.negotiate(accepted, () -> List.of(InfoHash.of(SERVED))));
  }

  /**
   * The BitTorrent stream as the pipeline sees it: the leftover first, then the socket, through the
   * inbound RC4 stream when there is one.
   */
  private final class Stream {
    private final Negotiated negotiated;
    private int leftoverRead;

    Stream(Negotiated negotiated) throws IOException {
      this.negotiated = negotiated;
      accepted.configureBlocking(true);
    }

    byte[] read(int count) throws IOException {
      ByteBuffer stream = ByteBuffer.allocate(count);
      int fromLeftover = Math.min(count, negotiated.leftover().length - leftoverRead);
      stream.put(negotiated.leftover(), leftoverRead, fromLeftover);
      leftoverRead += fromLeftover;
      while (stream.hasRemaining()) {
        accepted.read(stream);
      }
      byte[] bytes = stream.array();
      negotiated.ciphers().ifPresent(c -> c.decrypt(bytes));
      return bytes;
    }

    String readText(int count) throws IOException {
      return new String(read(count), StandardCharsets.US_ASCII);
    }
  }
}
