package io.bttspeed.bridge.manager;

import io.bttspeed.bridge.metainfo.Metainfo;
import io.bttspeed.bridge.metainfo.MetainfoException;
import io.bttspeed.bridge.metainfo.SafePath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Deletes a removed torrent's files: exactly the files it names, then the directories they leave
 * empty.
 */
final class DataFiles {
  private DataFiles() {}

  static void delete(Path root, Metainfo metainfo) {
    for (Metainfo.TorrentFile file : metainfo.files()) {
      Path path;
      try {
        path = SafePath.resolveInside(root, file.path());
      } catch (MetainfoException e) {
        continue; // never delete through a link or outside the directory
      }
      try {
        Files.deleteIfExists(path);
        pruneEmptyParents(root, path, file.path());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete " + path, e);
      }
    }
  }

  private static void pruneEmptyParents(Path root, Path file, List<String> elements)
      throws IOException {
    Path dir = file.getParent();
    for (int i = elements.size() - 1; i > 0 && dir != null; i--) {
      try {
        Files.deleteIfExists(dir);
      } catch (DirectoryNotEmptyException e) {
        return;
      }
      dir = dir.getParent();
    }
  }
}
