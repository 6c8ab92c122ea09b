package io.bttspeed.bridge.store;

import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.domain.PeerAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A managed torrent as stored.
 *
 * @param infoHash its infohash
 * @param name its name (from the metainfo, or the magnet's display name, or the infohash)
 * @param metainfo the .torrent bytes, empty for a magnet whose metadata has not arrived
 * @param magnet the magnet link it was added by, if any
 * @param downloadDirectory where its content lies
 * @param peers named peers to dial
 * @param paused whether the user paused it
 * @param upCapBytesPerSecond per-torrent upload cap, bytes/s, 0 = none
 * @param downCapBytesPerSecond per-torrent download cap, bytes/s, 0 = none
 * @param addedAt when it was added
 */
public record TorrentRecord(
    InfoHash infoHash,
    String name,
    Optional<byte[]> metainfo,
    Optional<String> magnet,
    Path downloadDirectory,
    List<PeerAddress> peers,
    boolean paused,
    long upCapBytesPerSecond,
    long downCapBytesPerSecond,
    Instant addedAt) {
  public TorrentRecord {
    peers = List.copyOf(peers);
  }

  public TorrentRecord withPaused(boolean value) {
    return new TorrentRecord(
        infoHash,
        name,
        metainfo,
        magnet,
        downloadDirectory,
        peers,
        value,
        upCapBytesPerSecond,
        downCapBytesPerSecond,
        addedAt);
  }

  public TorrentRecord withMetainfo(byte[] bytes, String newName) {
    return new TorrentRecord(
        infoHash,
        newName,
        Optional.of(bytes),
        magnet,
        downloadDirectory,
        peers,
        paused,
        upCapBytesPerSecond,
        downCapBytesPerSecond,
        addedAt);
  }

  public TorrentRecord withCaps(long up, long down) {
    return new TorrentRecord(
        infoHash, name, metainfo, magnet, downloadDirectory, peers, paused, up, down, addedAt);
  }
}
