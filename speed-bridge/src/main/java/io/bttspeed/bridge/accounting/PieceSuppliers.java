package io.bttspeed.bridge.accounting;

import io.bttspeed.bridge.domain.PeerAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which peer supplied how many bytes of each piece still being assembled, for one torrent. A
 * piece's record is handed out and dropped when the piece verifies or fails. Thread-safe.
 */
public final class PieceSuppliers {
  private final Map<Integer, Map<PeerAddress, Long>> pieces = new HashMap<>();

  /** A block of {@code piece} from {@code peer} was written. */
  public synchronized void blockWritten(int piece, PeerAddress peer, long bytes) {
    pieces.computeIfAbsent(piece, p -> new LinkedHashMap<>()).merge(peer, bytes, Long::sum);
  }

  /** The piece was checked (either way): returns who supplied it and forgets it. */
  public synchronized Map<PeerAddress, Long> take(int piece) {
    Map<PeerAddress, Long> suppliers = pieces.remove(piece);
    return suppliers == null ? Map.of() : Map.copyOf(suppliers);
  }

  /** Pieces with blocks written but not yet checked. */
  public synchronized int piecesInProgress() {
    return pieces.size();
  }
}
