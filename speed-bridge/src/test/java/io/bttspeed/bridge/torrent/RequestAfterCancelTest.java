package io.bttspeed.bridge.torrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.limits.Direction;
import io.bttspeed.bridge.limits.Rate;
import io.bttspeed.bridge.metainfo.Metainfo;
import io.bttspeed.bridge.testing.Await;
import io.bttspeed.bridge.testing.TestFiles;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A leecher whose request timed out cancels it and asks again for the same block; the seeder must
 * answer the new request. Bt 1.10 dropped that piece for good (it remembered the cancel past the
 * later request), which left leechers of a busy seeder stuck a few blocks short of complete. Played
 * by a hand-written peer on the wire, so the exact message order is the test's, not an engine's.
 */
@Timeout(60)
class RequestAfterCancelTest {
  private static final int BLOCK = 16 * 1024;
  private static final byte UNCHOKE = 1;
  private static final byte INTERESTED = 2;
  private static final byte REQUEST = 6;
  private static final byte PIECE = 7;
  private static final byte CANCEL = 8;

  @TempDir Path dir;

  @Test
  void aCancelOfARequestNeverTakenOnDoesNotSwallowTheNextRequest() throws IOException {
    try (Seeder seeder = new Seeder(dir, 0);
        Wire wire = seeder.connect()) {
      // What a leecher does when a request went unanswered (the seeder had choked it): cancel it,
      // then ask again.
      wire.send(CANCEL, 1, BLOCK, BLOCK);
      wire.send(REQUEST, 1, BLOCK, BLOCK);
      assertEquals(1, wire.piecesWithin(Duration.ofSeconds(10), 1, BLOCK, 1).size());
    }
  }

  @Test
  void aLateCancelOfAnAnsweredRequestDoesNotSwallowTheNextRequest() throws IOException {
    try (Seeder seeder = new Seeder(dir, 0);
        Wire wire = seeder.connect()) {
      wire.send(REQUEST, 2, 0, BLOCK);
      assertEquals(1, wire.piecesWithin(Duration.ofSeconds(10), 2, 0, 1).size());
      wire.send(CANCEL, 2, 0, BLOCK); // crossed the piece on the wire
      wire.send(REQUEST, 2, 0, BLOCK);
      assertEquals(1, wire.piecesWithin(Duration.ofSeconds(10), 2, 0, 1).size());
    }
  }

  /**
   * A timed-out request cancelled and asked again while the first is still queued behind the
   * seeder's cap: the block comes once, not twice (a duplicate spends the capped upload for
   * nothing), and a plain cancel of a queued request still stops its block.
   */
  @Test
  void aRequestCancelledAndAskedAgainWhileQueuedIsAnsweredOnceAndACancelStillCancels()
      throws IOException {
    try (Seeder seeder = new Seeder(dir, 32 * 1024);
        Wire wire = seeder.connect()) {
      for (int i = 0; i < 8; i++) {
        wire.send(
            REQUEST, 3, i * BLOCK,
            BLOCK); // the bucket's burst and then some: what follows waits its turn
      }
      wire.send(REQUEST, 4, 0, BLOCK);
      wire.send(CANCEL, 4, 0, BLOCK);
      wire.send(REQUEST, 4, 0, BLOCK);
      wire.send(REQUEST, 5, 0, BLOCK);
      wire.send(CANCEL, 5, 0, BLOCK);
      wire.send(
          REQUEST, 6, 0,
          BLOCK); // the last in line: once it is here, everything before it has gone out
      List<int[]> pieces = wire.piecesWithin(Duration.ofSeconds(20), 6, 0, 1);
      assertEquals(1, pieces.stream().filter(p -> p[0] == 4).count(), "block 4/0 exactly once");
      assertEquals(
          0, pieces.stream().filter(p -> p[0] == 5).count(), "the cancelled block 5/0 not sent");
    }
  }

  /**
   * A seeding engine with one verified torrent of eight pieces of 256 KiB, upload capped when
   * asked.
   */
  private static final class Seeder implements AutoCloseable {
    final Engine engine;
    final InfoHash infoHash;
    final int port = TestFiles.freePort();

    Seeder(Path dir, long uploadCap) {
      Path content = TestFiles.random(dir.resolve("seed/data.bin"), 2L * 1024 * 1024, 21);
      TorrentCreator.Created created = TorrentCreator.create(content, List.of());
      infoHash = Metainfo.parse(created.metainfo()).infoHash();
      engine = Engine.start(EngineSettings.defaults(port));
      if (uploadCap > 0) {
        engine.setGlobalLimit(Direction.UP, Rate.bytesPerSecond(uploadCap));
      }
      engine.start(infoHash, created.metainfo(), created.downloadDirectory(), List.of(), h -> {});
      Await.until(
          Duration.ofSeconds(30),
          "the seeder to verify its data",
          () -> engine.progress(infoHash).map(TorrentProgress::complete).orElse(false));
    }

    /** A hand-written peer, handshaken, interested and unchoked. */
    Wire connect() throws IOException {
      Wire wire = new Wire(new Socket());
      wire.socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      wire.handshake(infoHash);
      wire.send(INTERESTED);
      wire.awaitMessage(UNCHOKE, Duration.ofSeconds(20));
      return wire;
    }

    @Override
    public void close() {
      engine.close();
    }
  }

  /** One BitTorrent connection spoken by hand. */
  private static final class Wire implements AutoCloseable {
    final Socket socket;
    DataOutputStream out;
    DataInputStream in;

    Wire(Socket socket) {
      this.socket = socket;
    }

    void handshake(InfoHash infoHash) throws IOException {
      out = new DataOutputStream(socket.getOutputStream());
      in = new DataInputStream(socket.getInputStream());
      out.writeByte(19);
      out.write("BitTorrent protocol".getBytes(StandardCharsets.US_ASCII));
      out.write(new byte[8]);
      out.write(infoHash.bytes());
      out.write("-TT0001-cancelagain1".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      byte[] reply = new byte[68];
      in.readFully(reply);
      assertEquals(19, reply[0]);
    }

    void send(byte id, int... fields) throws IOException {
      out.writeInt(1 + 4 * fields.length);
      out.writeByte(id);
      for (int field : fields) {
        out.writeInt(field);
      }
      out.flush();
    }

    /** Reads messages until one of {@code id}; fails at the deadline. */
    byte[] awaitMessage(byte id, Duration within) throws IOException {
      long deadline = System.nanoTime() + within.toNanos();
      while (true) {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
          throw new AssertionError("no message " + id + " within " + within);
        }
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, left));
        int length;
        try {
          length = in.readInt();
        } catch (SocketTimeoutException e) {
          throw new AssertionError("no message " + id + " within " + within);
        }
        assertTrue(length >= 0 && length <= 2 * BLOCK, "message length " + length);
        if (length == 0) {
          continue; // keep-alive
        }
        byte[] body = new byte[length];
        in.readFully(body);
        if (body[0] == id) {
          return body;
        }
      }
    }

    /**
     * Every piece (index, offset) received until {@code count} of block ({@code index}, {@code
     * offset}) have come; fails at the deadline.
     */
    List<int[]> piecesWithin(Duration within, int index, int offset, int count) throws IOException {
      long deadline = System.nanoTime() + within.toNanos();
      List<int[]> pieces = new ArrayList<>();
      int seen = 0;
      while (seen < count) {
        byte[] body =
            awaitMessage(PIECE, Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        int[] piece = {ByteBuffer.wrap(body, 1, 4).getInt(), ByteBuffer.wrap(body, 5, 4).getInt()};
        pieces.add(piece);
        if (piece[0] == index && piece[1] == offset) {
          seen++;
        }
      }
      return pieces;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
