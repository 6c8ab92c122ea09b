package io.bttspeed.bridge.manager;

import io.bttspeed.bridge.metainfo.Metainfo;
import io.bttspeed.bridge.metainfo.MetainfoException;
import io.bttspeed.bridge.metainfo.SafePath;
import io.bttspeed.wallet.error.InvalidArgumentException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The checks of what a caller hands the manager (a .torrent's bytes, a download directory), each
 * refusal an {@link InvalidArgumentException} thrown before anything changes.
 */
final class TorrentInputs {
  private final Path defaultDownloadDirectory;

  /**
   * @param defaultDownloadDirectory where downloads go when the caller names no directory
   */
  TorrentInputs(Path defaultDownloadDirectory) {
    this.defaultDownloadDirectory = defaultDownloadDirectory;
  }

  static Metainfo parse(byte[] bytes) {
    try {
      return Metainfo.parse(bytes);
    } catch (MetainfoException e) {
      throw new InvalidArgumentException("not a .torrent we accept: " + e.getMessage());
    }
  }

  Path downloadDirectory(Optional<Path> requested) {
    Path dir = requested.orElse(defaultDownloadDirectory);
    if (!dir.isAbsolute()) {
      throw new InvalidArgumentException("the download directory must be an absolute path: " + dir);
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new InvalidArgumentException("the download directory is not a directory: " + dir);
    }
    return dir.normalize();
  }

  /** Every file of the torrent lands inside {@code dir}, through plain names and no link. */
  static void checkFiles(Path dir, Metainfo metainfo) {
    try {
      for (Metainfo.TorrentFile file : metainfo.files()) {
        SafePath.resolveInside(dir, file.path());
      }
    } catch (MetainfoException e) {
      throw new InvalidArgumentException("refused: " + e.getMessage());
    }
  }
}
