package io.bttspeed.bridge.torrent;

/**
 * A running torrent's progress as the engine last saw it.
 *
 * @param piecesTotal pieces in the torrent (0 while a magnet's metadata is still being fetched)
 * @param piecesComplete verified pieces we have
 * @param downloadedBytes payload bytes received this session
 * @param uploadedBytes payload bytes sent this session
 * @param peers connected peers
 */
public record TorrentProgress(
    int piecesTotal, int piecesComplete, long downloadedBytes, long uploadedBytes, int peers) {
  static final TorrentProgress STARTING = new TorrentProgress(0, 0, 0, 0, 0);

  public boolean complete() {
    return piecesTotal > 0 && piecesComplete == piecesTotal;
  }
}
