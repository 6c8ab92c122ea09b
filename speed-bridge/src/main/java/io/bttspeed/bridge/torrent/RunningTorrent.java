package io.bttspeed.bridge.torrent;

import bt.metainfo.Torrent;
import bt.metainfo.TorrentId;
import bt.runtime.BtClient;
import bt.torrent.TorrentDescriptor;
import bt.torrent.TorrentRegistry;
import bt.torrent.TorrentSessionState;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One run of a torrent as the engine holds it: Bt's client of it, the future of its processing, its
 * size once known, and Bt's session state of this run.
 */
final class RunningTorrent {
  final TorrentId id;
  private final TorrentRegistry torrents;
  private volatile TorrentSessionState earlierState;
  volatile BtClient client;
  volatile CompletableFuture<?> done;
  volatile long size;
  volatile long pieceLength;

  RunningTorrent(TorrentId id, TorrentRegistry torrents) {
    this.id = id;
    this.torrents = torrents;
  }

  /** A state left from an earlier run of this torrent (pause, resume) is not this run's. */
  void setAsideEarlierState() {
    earlierState = sessionState();
  }

  /** This run's session state; null until Bt has started the session. */
  TorrentSessionState state() {
    TorrentSessionState state = sessionState();
    return state == earlierState ? null : state;
  }

  void sized(Torrent torrent) {
    pieceLength = torrent.getChunkSize();
    size = torrent.getSize();
  }

  /**
   * Bytes not yet verified (whole pieces counted at the piece size); empty while the size is
   * unknown or the session has not started.
   */
  Optional<Long> remainingBytes() {
    TorrentSessionState state = state();
    if (size == 0 || state == null) {
      return Optional.empty();
    }
    return Optional.of(Math.max(0, size - (long) state.getPiecesComplete() * pieceLength));
  }

  /** Bt's session state of the torrent, registered once its session starts; null before. */
  private TorrentSessionState sessionState() {
    return torrents.getDescriptor(id).flatMap(TorrentDescriptor::getSessionState).orElse(null);
  }
}
