package io.bttspeed.bridge.api;

import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.domain.PeerAddress;
import io.bttspeed.bridge.limits.Rate;
import io.bttspeed.bridge.manager.TorrentView;
import io.bttspeed.bridge.speed.SpeedPeerView;
import io.bttspeed.bridge.torrent.PeerCounters;
import io.bttspeed.proto.speed.v1.Peer;
import io.bttspeed.proto.speed.v1.Torrent;
import io.bttspeed.proto.speed.v1.TorrentState;
import io.bttspeed.wallet.error.InvalidArgumentException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Between SpeedService messages and our domain types; every input is parsed here, at the edge. */
final class SpeedProtos {
  private static final int MAX_PEERS = 200;
  private static final int MAX_PATH_CHARS = 4096;

  private SpeedProtos() {}

  static InfoHash infoHash(String text) {
    try {
      return InfoHash.parse(text);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException("info_hash must be 40 hex digits");
    }
  }

  static Optional<InfoHash> optionalInfoHash(String text) {
    return text.isEmpty() ? Optional.empty() : Optional.of(infoHash(text));
  }

  static List<PeerAddress> peers(List<String> texts) {
    if (texts.size() > MAX_PEERS) {
      throw new InvalidArgumentException("at most " + MAX_PEERS + " peers may be named");
    }
    List<PeerAddress> peers = new ArrayList<>();
    for (String text : texts) {
      try {
        peers.add(PeerAddress.parse(text));
      } catch (IllegalArgumentException e) {
        throw new InvalidArgumentException("peer '" + printable(text) + "': " + e.getMessage());
      }
    }
    return peers;
  }

  static Optional<Path> optionalPath(String text, String field) {
    return text.isEmpty() ? Optional.empty() : Optional.of(path(text, field));
  }

  static Path path(String text, String field) {
    if (text.isEmpty() || text.length() > MAX_PATH_CHARS || text.indexOf('\0') >= 0) {
      throw new InvalidArgumentException(
          field + " must be an absolute path of at most " + MAX_PATH_CHARS + " characters");
    }
    Path path;
    try {
      path = Path.of(text);
    } catch (RuntimeException e) {
      throw new InvalidArgumentException(field + " is not a path: " + printable(text));
    }
    if (!path.isAbsolute()) {
      throw new InvalidArgumentException(field + " must be an absolute path: " + printable(text));
    }
    return path;
  }

  static Rate rate(long bytesPerSecond, String field) {
    try {
      return Rate.bytesPerSecond(bytesPerSecond);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException(field + ": " + e.getMessage());
    }
  }

  static Torrent torrent(TorrentView v) {
    return Torrent.newBuilder()
        .setInfoHash(v.infoHash().hex())
        .setName(v.name())
        .setState(state(v.state()))
        .setTotalBytes(v.totalBytes())
        .setPiecesTotal(v.piecesTotal())
        .setPiecesComplete(v.piecesComplete())
        .setDownloadedBytes(v.downloadedBytes())
        .setUploadedBytes(v.uploadedBytes())
        .setPeerCount(v.peers())
        .setDownloadDir(v.downloadDirectory().toString())
        .setMagnet(v.magnet())
        .setUploadCapBytesPerSecond(v.upCapBytesPerSecond())
        .setDownloadCapBytesPerSecond(v.downCapBytesPerSecond())
        .setError(v.error().orElse(""))
        .addAllNamedPeers(v.namedPeers().stream().map(PeerAddress::toString).toList())
        .build();
  }

  /** A connection, with what the Speed protocol knows of it ({@code trade} null: none yet). */
  static Peer peer(PeerCounters p, SpeedPeerView trade) {
    Peer.Builder b =
        Peer.newBuilder()
            .setAddress(p.peer().toString())
            .setClient(p.client())
            .setUploadedBytes(p.uploadedBytes())
            .setDownloadedBytes(p.downloadedBytes())
            .setUnchoked(p.unchoked())
            .setInterested(p.interested())
            .setSpeedSession(
                MoneyProtos.session(
                    trade == null ? SpeedPeerView.Session.ORDINARY : trade.session()))
            .setTrusted(trade == null || trade.trusted());
    if (trade != null) {
      trade.wallet().ifPresent(w -> b.setSpeedAddress(w.base58()));
      trade.selling().ifPresent(t -> b.setSelling(MoneyProtos.trade(t)));
      trade.buying().ifPresent(t -> b.setBuying(MoneyProtos.trade(t)));
    }
    return b.build();
  }

  private static TorrentState state(io.bttspeed.bridge.manager.TorrentState state) {
    return switch (state) {
      case FETCHING_METADATA -> TorrentState.TORRENT_STATE_FETCHING_METADATA;
      case DOWNLOADING -> TorrentState.TORRENT_STATE_DOWNLOADING;
      case SEEDING -> TorrentState.TORRENT_STATE_SEEDING;
      case PAUSED -> TorrentState.TORRENT_STATE_PAUSED;
      case FAILED -> TorrentState.TORRENT_STATE_FAILED;
    };
  }

  static String printable(String s) {
    String cut = s.length() > 80 ? s.substring(0, 80) + "…" : s;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
