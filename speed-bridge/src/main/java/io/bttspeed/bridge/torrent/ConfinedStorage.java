package io.bttspeed.bridge.torrent;

import bt.data.Storage;
import bt.data.StorageUnit;
import bt.data.file.FileSystemStorage;
import bt.metainfo.Torrent;
import bt.metainfo.TorrentFile;
import io.bttspeed.bridge.metainfo.SafePath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Bt's file storage, but every file is checked with {@link SafePath} when Bt first asks for it, so
 * a torrent whose paths escape the download directory (also one that arrived as a magnet, whose
 * metadata we only see then) fails before anything is written.
 */
final class ConfinedStorage implements Storage {
  private final Path root;
  private final FileSystemStorage delegate;

  ConfinedStorage(Path root) {
    this.root = root;
    this.delegate = new FileSystemStorage(root);
  }

  @Override
  public StorageUnit getUnit(Torrent torrent, TorrentFile file) {
    // Bt's layout: a torrent of one file lies directly in the root, others under a directory of the
    // torrent's name.
    List<String> elements = new ArrayList<>();
    if (torrent.getFiles().size() != 1) {
      elements.add(torrent.getName());
    }
    elements.addAll(file.getPathElements());
    SafePath.resolveInside(root, elements);
    return delegate.getUnit(torrent, file);
  }

  @Override
  public void flush() {
    delegate.flush();
  }
}
