package io.bttspeed.bridge.torrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.metainfo.Metainfo;
import io.bttspeed.bridge.testing.Await;
import io.bttspeed.bridge.testing.TestFiles;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A leecher whose request timed out cancels it and asks again for the same block; the seeder must answer the new
 * request. Bt 1.10 dropped that piece for good (it remembered the cancel past the later request), which left
 * leechers of a busy seeder stuck a few blocks short of complete. Played by a hand-written peer on the wire, so the
 * exact message order is the test's, not an engine's.
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
  void aBlockRequestedAgainAfterItsCancelIsSent() throws IOException {
    Path content = TestFiles.random(dir.resolve("seed/data.bin"), 1024 * 1024, 21);
    TorrentCreator.Created created = TorrentCreator.create(content, List.of());
    InfoHash infoHash = Metainfo.parse(created.metainfo()).infoHash();
    int seederPort = TestFiles.freePort();
    try (Engine seeder = Engine.start(EngineSettings.defaults(seederPort))) {
      seeder.start(infoHash, created.metainfo(), created.downloadDirectory(), List.of(), h -> { });
      Await.until(Duration.ofSeconds(30), "the seeder to verify its data",
          () -> seeder.progress(infoHash).map(TorrentProgress::complete).orElse(false));
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", seederPort), 5_000);
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        DataInputStream in = new DataInputStream(socket.getInputStream());
        handshake(out, in, infoHash);
        send(out, INTERESTED, new int[0]);
        awaitMessage(in, socket, UNCHOKE, Duration.ofSeconds(20));

        // What a leecher does when a request went unanswered (the seeder had choked it, or was slow): cancel it,
        // then ask again. The last word is the request.
        send(out, CANCEL, new int[] {1, BLOCK, BLOCK});
        send(out, REQUEST, new int[] {1, BLOCK, BLOCK});

        int[] piece = awaitPiece(in, socket, 1, Duration.ofSeconds(10));
        assertEquals(BLOCK, piece[1]);
      }
    }
  }

  private static void handshake(DataOutputStream out, DataInputStream in, InfoHash infoHash) throws IOException {
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

  private static void send(DataOutputStream out, byte id, int[] fields) throws IOException {
    out.writeInt(1 + 4 * fields.length);
    out.writeByte(id);
    for (int field : fields) {
      out.writeInt(field);
    }
    out.flush();
  }

  /** Reads messages until one of {@code id}; fails at the deadline. */
  private static byte[] awaitMessage(DataInputStream in, Socket socket, byte id, Duration within) throws IOException {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
      assertTrue(System.nanoTime() < deadline, "no message " + id + " within " + within);
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

  /** Reads pieces until the one of {@code pieceIndex}; returns its index and offset. */
  private static int[] awaitPiece(DataInputStream in, Socket socket, int pieceIndex, Duration within)
      throws IOException {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
      byte[] body = awaitMessage(in, socket, PIECE, Duration.ofMillis(left));
      int index = ((body[1] & 0xff) << 24) | ((body[2] & 0xff) << 16) | ((body[3] & 0xff) << 8) | (body[4] & 0xff);
      int offset = ((body[5] & 0xff) << 24) | ((body[6] & 0xff) << 16) | ((body[7] & 0xff) << 8) | (body[8] & 0xff);
      if (index == pieceIndex) {
        return new int[] {index, offset};
      }
    }
  }
}
