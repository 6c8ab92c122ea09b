package io.bttspeed.bridge.manager;

import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.domain.PeerAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A managed torrent as the API shows it.
 *
 * @param infoHash its infohash
 * @param name its name
 * @param state what it is doing
 * @param totalBytes size of its content, bytes (0 until a magnet's metadata arrives)
 * @param piecesTotal pieces of its content
 * @param piecesComplete verified pieces held
 * @param downloadedBytes payload bytes received since it was (re)started
 * @param uploadedBytes payload bytes sent since it was (re)started
 * @param peers connected peers
 * @param downloadDirectory where its content lies
 * @param namedPeers peers named to dial
 * @param magnet a magnet link for it
 * @param upCapBytesPerSecond its upload cap, bytes/s, 0 = none
 * @param downCapBytesPerSecond its download cap, bytes/s, 0 = none
 * @param error why it failed, when it did
 */
public record TorrentView(
    InfoHash infoHash,
    String name,
    TorrentState state,
    long totalBytes,
    int piecesTotal,
    int piecesComplete,
    long downloadedBytes,
    long uploadedBytes,
    int peers,
    Path downloadDirectory,
    List<PeerAddress> namedPeers,
    String magnet,
    long upCapBytesPerSecond,
    long downCapBytesPerSecond,
    Optional<String> error) {

  /** Fraction of pieces held, 0..1. */
  public double fractionComplete() {
    return piecesTotal == 0 ? 0 : (double) piecesComplete / piecesTotal;
  }
}
