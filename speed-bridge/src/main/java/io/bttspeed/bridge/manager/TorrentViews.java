package io.bttspeed.bridge.manager;

import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.metainfo.Metainfo;
import io.bttspeed.bridge.store.TorrentRecord;
import io.bttspeed.bridge.torrent.Engine;
import io.bttspeed.bridge.torrent.TorrentProgress;
import java.util.Map;
import java.util.Optional;

/**
 * What a caller sees of a stored torrent: its record joined with the engine's progress and the
 * manager's failures, and the state that follows from them.
 */
final class TorrentViews {
  private final Engine engine;
  private final Map<InfoHash, String> failures;

  /**
   * @param failures the manager's failures by torrent (read here, written by the manager)
   */
  TorrentViews(Engine engine, Map<InfoHash, String> failures) {
    this.engine = engine;
    this.failures = failures;
  }

  TorrentView of(TorrentRecord record) {
    Optional<Metainfo> metainfo = record.metainfo().map(Metainfo::parse);
    Optional<TorrentProgress> progress = engine.progress(record.infoHash());
    Optional<String> failure = Optional.ofNullable(failures.get(record.infoHash()));
    if (failure.isEmpty() && engine.ended(record.infoHash())) {
      failure = Optional.of(TorrentManager.ENDED);
    }
    TorrentState state;
    if (failure.isPresent()) {
      state = TorrentState.FAILED;
    } else if (record.paused() || progress.isEmpty()) {
      state = TorrentState.PAUSED;
    } else if (metainfo.isEmpty()) {
      state = TorrentState.FETCHING_METADATA;
    } else if (progress.get().complete()) {
      state = TorrentState.SEEDING;
    } else {
      state = TorrentState.DOWNLOADING;
    }
    TorrentProgress p = progress.orElse(new TorrentProgress(0, 0, 0, 0, 0));
    int piecesTotal = metainfo.map(Metainfo::pieceCount).orElse(p.piecesTotal());
    String magnet = metainfo.map(Metainfo::magnet).orElse(record.magnet().orElse(""));
    return new TorrentView(
        record.infoHash(),
        record.name(),
        state,
        metainfo.map(Metainfo::totalBytes).orElse(0L),
        piecesTotal,
        p.piecesComplete(),
        p.downloadedBytes(),
        p.uploadedBytes(),
        p.peers(),
        record.downloadDirectory(),
        record.peers(),
        magnet,
        record.upCapBytesPerSecond(),
        record.downCapBytesPerSecond(),
        failure);
  }
}
