package io.bttspeed.bridge.accounting;

import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.domain.PeerAddress;
import java.util.Map;

/**
 * Per-peer accounting hooks: what the Speed protocol's payments (next issue) are computed from.
 * Called on engine threads; implementations must be quick and must not throw.
 */
public interface PeerTrafficListener {
  /**
   * A connection ended; its final counters.
   *
   * @param uploadedBytes piece payload we sent it over the connection's life
   * @param downloadedBytes piece payload it sent us over the connection's life
   */
  default void connectionClosed(
      InfoHash torrent, PeerAddress peer, long uploadedBytes, long downloadedBytes) {}

  /**
   * A block of piece payload from {@code peer} was written (before its piece is checked): the
   * moment a buyer prices it, at the supplier's slot and price of that moment.
   */
  default void blockReceived(InfoHash torrent, int piece, PeerAddress peer, long bytes) {}

  /**
   * A piece passed its hash check.
   *
   * @param bytesByPeer the payload bytes of the piece each peer supplied
   */
  default void pieceVerified(InfoHash torrent, int piece, Map<PeerAddress, Long> bytesByPeer) {}

  /**
   * A piece failed its hash check and was discarded.
   *
   * @param bytesByPeer the payload bytes of the piece each peer supplied (one of them sent bad
   *     data)
   */
  default void pieceFailed(InfoHash torrent, int piece, Map<PeerAddress, Long> bytesByPeer) {}

  PeerTrafficListener NONE = new PeerTrafficListener() {};
}
