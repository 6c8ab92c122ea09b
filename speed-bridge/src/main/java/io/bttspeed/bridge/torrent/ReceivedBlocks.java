package io.bttspeed.bridge.torrent;

import bt.net.PeerConnection;
import bt.net.buffer.BufferedData;
import bt.net.pipeline.IBufferedPieceRegistry;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Received blocks waiting for their torrent's piece consumer, kept per connection.
 *
 * <p>Bt 1.10 files a received block's buffer under its piece index and offset alone, in one
 * registry for the whole runtime, and its piece consumer takes it back by the same two numbers. Two
 * torrents with a block of the same index and offset in flight at once swap them: one torrent's
 * data is written into the other's piece, which then fails its hash check and is blamed on the peer
 * that sent the right data. Five leechers trading two 8 MiB torrents did so several times a minute,
 * and the soak's "Failed to verify piece" lines were this (MeshIntegrityTest). Two connections of
 * one torrent can swap too, which lets a peer that sends garbage have it blamed on an honest one.
 *
 * <p>Here each connection's pipeline files its blocks in that connection's own {@link Filing}, and
 * the consumer takes them back from the filing of the connection whose messages the dispatcher is
 * delivering ({@link #delivering}). Bt calls the consumer only from the dispatcher's thread, which
 * reads a connection's messages and hands them to its consumers in one go.
 */
final class ReceivedBlocks implements IBufferedPieceRegistry {
  /** The filing of the connection the dispatcher is delivering messages from, on its thread. */
  private final ThreadLocal<Filing> delivering = new ThreadLocal<>();

  /**
   * Connections by identity, weakly: a closed connection's filing goes with it, blocks and all
   * (they are views of its released buffer).
   */
  private final Map<PeerConnection, Filing> byConnection =
      Collections.synchronizedMap(new WeakHashMap<>());

  /** Ties a connection to the filing its pipeline files blocks in. */
  void register(PeerConnection connection, Filing filing) {
    byConnection.put(connection, filing);
  }

  /**
   * From now until {@link #delivered}, the consumers on this thread take blocks that came on {@code
   * connection}.
   */
  void delivering(PeerConnection connection) {
    delivering.set(byConnection.get(connection));
  }

  void delivered() {
    delivering.remove();
  }

  /** Filing goes through a connection's own {@link Filing}, never here. */
  @Override
  public boolean addBufferedPiece(int pieceIndex, int offset, BufferedData buffer) {
    throw new IllegalStateException("a pipeline without its connection's filing");
  }

  /** The block that came on the connection being delivered, or null if none (Bt drops it). */
  @Override
  public BufferedData getBufferedPiece(int pieceIndex, int offset) {
    Filing filing = delivering.get();
    if (filing == null) {
      throw new IllegalStateException(
          "a piece consumer called outside the dispatcher's delivery of a connection");
    }
    return filing.getBufferedPiece(pieceIndex, offset);
  }

  /** One connection's received blocks, by piece index and offset. */
  static final class Filing implements IBufferedPieceRegistry {
    private final Map<Long, BufferedData> blocks = new ConcurrentHashMap<>();

    /** Files a block; false if one of the same index and offset is still waiting (Bt drops it). */
    @Override
    public boolean addBufferedPiece(int pieceIndex, int offset, BufferedData buffer) {
      if (pieceIndex < 0 || offset < 0) {
        return false;
      }
      return blocks.putIfAbsent(key(pieceIndex, offset), buffer) == null;
    }

    @Override
    public BufferedData getBufferedPiece(int pieceIndex, int offset) {
      return blocks.remove(key(pieceIndex, offset));
    }

    private static long key(int pieceIndex, int offset) {
      return ((long) pieceIndex << 32) | (offset & 0xffffffffL);
    }
  }
}
