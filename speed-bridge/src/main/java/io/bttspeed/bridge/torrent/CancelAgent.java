package io.bttspeed.bridge.torrent;

import bt.event.EventSource;
import bt.net.ConnectionKey;
import bt.protocol.Cancel;
import bt.protocol.Message;
import bt.protocol.Piece;
import bt.protocol.Request;
import bt.torrent.annotation.Consumes;
import bt.torrent.messaging.ConnectionState;
import bt.torrent.messaging.Mapper;
import bt.torrent.messaging.MessageContext;
import com.google.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Our handling of a peer's {@code cancel}, in place of Bt 1.10's. Bt adds every cancelled block to
 * a per-connection set and drops the next {@code piece} it would send for that block, whenever the
 * request for it came. A cancel of a request Bt never took on (it came while the peer was choked)
 * or had already answered therefore stayed in the set and swallowed the answer to the peer's next
 * request of that block. A leecher that times out does exactly that, cancel then request again, so
 * its piece was dropped, it timed out again five seconds later, and so on: downloads stuck a few
 * blocks short of complete while the seeder kept them unchoked.
 *
 * <p>Here a cancel drops the answers to the requests of that block that Bt took on before it, and
 * nothing else: each connection counts the requests of each block Bt accepted and has not answered,
 * and a cancel marks that many answers to drop (answers to one block come in request order: Bt
 * reads blocks on one thread, first in, first out). Bt's own set is still what drops a block, so
 * Bt's upload counters (which the seller's accounting reads) never count a dropped one; but before
 * the dispatcher asks Bt for a connection's next message, {@link #beforeProduce} makes the set hold
 * exactly the blocks with answers to drop, and {@link #afterProduce} sees which Bt dropped. A stale
 * cancel drops nothing; a re-request after a timeout is answered exactly once, neither lost nor
 * sent twice (twice would spend a capped seeder's upload on duplicates).
 *
 * <p>Bounded: at {@link #MAX_REMEMBERED} blocks a connection's counts are cleared, which at worst
 * sends a block the peer no longer wants. Runs on the message dispatcher's thread only (Bt's
 * consumers and the dispatcher's writes); disconnects come from elsewhere and only drop a
 * connection's entry. Public only because Bt compiles its agents through a public method-handle
 * lookup.
 */
public final class CancelAgent {
  /**
   * Blocks remembered per connection; far above the requests a peer may have outstanding (Bt's own
   * is 250).
   */
  static final int MAX_REMEMBERED = 1024;

  private final Map<ConnectionKey, Blocks> connections = new ConcurrentHashMap<>();

  @Inject
  CancelAgent(EventSource events) {
    events.onPeerDisconnected(null, e -> connections.remove(e.getConnectionKey()));
  }

  @Consumes
  public void consume(Request request, MessageContext context) {
    ConnectionState state = context.getConnectionState();
    if (state.isChoking()) {
      return; // Bt ignores a request from a choked peer: there is no answer to count
    }
    Blocks blocks = connections.computeIfAbsent(context.getConnectionKey(), k -> new Blocks(state));
    if (blocks.outstanding.size() >= MAX_REMEMBERED) {
      blocks.outstanding.clear();
      blocks.toDrop.clear();
    }
    blocks.outstanding.merge(
        key(request.getPieceIndex(), request.getOffset(), request.getLength()), 1, Integer::sum);
  }

  @Consumes
  public void consume(Cancel cancel, MessageContext context) {
    Blocks blocks = connections.get(context.getConnectionKey());
    if (blocks == null) {
      return;
    }
    Object key = key(cancel.getPieceIndex(), cancel.getOffset(), cancel.getLength());
    Integer asked = blocks.outstanding.get(key);
    if (asked != null) {
      blocks.toDrop.put(
          key, asked); // every answer asked for before this cancel; none asked for after it
    }
  }

  /**
   * Makes Bt's cancelled set hold exactly the blocks with answers to drop, before Bt is asked for a
   * message.
   */
  void beforeProduce(ConnectionKey connection) {
    Blocks blocks = connections.get(connection);
    if (blocks == null) {
      return;
    }
    Set<Object> btCancels = blocks.state.getCancelledPeerRequests();
    if (btCancels.isEmpty() && blocks.toDrop.isEmpty()) {
      return;
    }
    btCancels.retainAll(blocks.toDrop.keySet());
    btCancels.addAll(blocks.toDrop.keySet());
  }

  /**
   * Bt answered {@code produced} (null for nothing) after {@link #beforeProduce}: a block gone from
   * its cancelled set is an answer Bt dropped; a piece it sent answers one request of its block.
   */
  void afterProduce(ConnectionKey connection, Message produced) {
    Blocks blocks = connections.get(connection);
    if (blocks == null) {
      return;
    }
    if (!blocks.toDrop.isEmpty()) {
      Set<Object> btCancels = blocks.state.getCancelledPeerRequests();
      for (Object key : List.copyOf(blocks.toDrop.keySet())) {
        if (!btCancels.contains(key)) {
          decrement(blocks.toDrop, key);
          decrement(blocks.outstanding, key);
        }
      }
    }
    if (produced instanceof Piece piece) {
      decrement(
          blocks.outstanding, key(piece.getPieceIndex(), piece.getOffset(), piece.getLength()));
    }
  }

  private static void decrement(Map<Object, Integer> counts, Object key) {
    counts.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
  }

  private static Object key(int pieceIndex, int offset, int length) {
    return Mapper.mapper().buildKey(pieceIndex, offset, length);
  }

  /** One connection's blocks. */
  private static final class Blocks {
    final ConnectionState state;

    /** Requests Bt took on and has not answered, per block. */
    final Map<Object, Integer> outstanding = new HashMap<>();

    /**
     * Answers still to drop, per block: the requests that were outstanding when the block was
     * cancelled.
     */
    final Map<Object, Integer> toDrop = new HashMap<>();

    Blocks(ConnectionState state) {
      this.state = state;
    }
  }
}
