package io.bttspeed.bridge.torrent;

import bt.metainfo.TorrentId;
import bt.net.Peer;
import bt.net.buffer.BufferedData;
import bt.torrent.data.BlockRead;
import bt.torrent.data.BlockWrite;
import bt.torrent.data.DataWorker;
import io.bttspeed.bridge.accounting.PeerTrafficListener;
import io.bttspeed.bridge.accounting.PieceSuppliers;
import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.domain.PeerAddress;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bt's data worker with the accounting hooks: it records which peer supplied each written block,
 * and when the block that completes a piece comes back with its hash check, reports the piece
 * verified or failed with its suppliers. (Bt itself has no event for a failed piece, and its
 * verified event does not say who supplied the piece.)
 */
final class AccountingDataWorker implements DataWorker {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(AccountingDataWorker.class);
  private final DataWorker delegate;
  private final PeerTrafficListener listener;
  private final Map<TorrentId, PieceSuppliers> suppliers = new ConcurrentHashMap<>();

  AccountingDataWorker(DataWorker delegate, PeerTrafficListener listener) {
    this.delegate = delegate;
    this.listener = listener;
  }

  @Override
  public CompletableFuture<BlockRead> addBlockRequest(
      TorrentId torrent, Peer peer, int piece, int offset, int length) {
    return delegate.addBlockRequest(torrent, peer, piece, offset, length);
  }

  @Override
  public CompletableFuture<BlockWrite> addBlock(
      TorrentId torrent, Peer peer, int piece, int offset, BufferedData buffer) {
    int length = buffer.length();
    return delegate
        .addBlock(torrent, peer, piece, offset, buffer)
        .whenComplete(
            (write, error) -> {
              if (write == null || write.isRejected() || write.getError().isPresent()) {
                return;
              }
              PieceSuppliers pieces = suppliers.computeIfAbsent(torrent, t -> new PieceSuppliers());
              PeerAddress supplier = Peers.address(peer);
              pieces.blockWritten(piece, supplier, length);
              try {
                listener.blockReceived(InfoHash.of(torrent.getBytes()), piece, supplier, length);
              } catch (RuntimeException e) {
                LOG.warn("a traffic listener failed on a block", e);
              }
              write
                  .getVerificationFuture()
                  .ifPresent(
                      check ->
                          check.whenComplete(
                              (verified, checkError) -> {
                                Map<PeerAddress, Long> by = pieces.take(piece);
                                InfoHash infoHash = InfoHash.of(torrent.getBytes());
                                if (Boolean.TRUE.equals(verified)) {
                                  listener.pieceVerified(infoHash, piece, by);
                                } else {
                                  listener.pieceFailed(infoHash, piece, by);
                                }
                              }));
            });
  }

  void forget(TorrentId torrent) {
    suppliers.remove(torrent);
  }
}
