package io.bttspeed.bridge.torrent;

import bt.torrent.maker.TorrentBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Makes a v1 .torrent from a local file or directory with Bt's {@code TorrentBuilder}. */
public final class TorrentCreator {
  /**
   * Piece size: 256 KiB up to 1 GiB of content, then doubled so the piece list stays near 4,096
   * pieces.
   */
  static int pieceSizeFor(long contentBytes) {
    int size = 1 << 18;
    while (size < (1 << 24) && contentBytes / size > 4096) {
      size <<= 1;
    }
    return size;
  }

  private TorrentCreator() {}

  /**
   * @param content an existing regular file or directory (symbolic links are refused: what is
   *     shared is what was named)
   * @param trackers announce URLs, first tier first; may be empty (peers then come from the DHT or
   *     named peers)
   * @return the metainfo and the directory a client must be given to find the content (the download
   *     directory)
   */
  public static Created create(Path content, List<String> trackers) {
    Path absolute = content.toAbsolutePath().normalize();
    if (!Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException("no such file or directory: " + content);
    }
    List<Path> files = regularFiles(absolute);
    long total = 0;
    for (Path file : files) {
      total += size(file);
    }
    if (files.isEmpty() || total == 0) {
      throw new IllegalArgumentException("nothing to share in " + content + ": it holds no data");
    }
    TorrentBuilder builder =
        new TorrentBuilder()
            .pieceSize(pieceSizeFor(total))
            .createdBy("btt-speed")
            .rootPath(Files.isDirectory(absolute) ? absolute : absolute.getParent());
    for (Path file : files) {
      builder.addFile(file);
    }
    if (!trackers.isEmpty()) {
      builder.announce(trackers.get(0));
      if (trackers.size() > 1) {
        for (String tracker : trackers) {
          builder.addAnnounceGroup(List.of(tracker));
        }
      }
    }
    byte[] metainfo = builder.build();
    // A single file (also a directory holding one file) becomes a single-file torrent named after
    // the file.
    Path downloadDirectory = files.size() == 1 ? files.get(0).getParent() : absolute.getParent();
    return new Created(metainfo, downloadDirectory);
  }

  private static List<Path> regularFiles(Path root) {
    if (Files.isSymbolicLink(root)) {
      throw new IllegalArgumentException("refusing to share a symbolic link: " + root);
    }
    if (Files.isRegularFile(root, LinkOption.NOFOLLOW_LINKS)) {
      return List.of(root);
    }
    try (Stream<Path> walk = Files.walk(root)) {
      List<Path> all = walk.sorted().toList();
      for (Path path : all) {
        if (Files.isSymbolicLink(path)) {
          throw new IllegalArgumentException(
              "refusing to share a directory holding a symbolic link: " + path);
        }
      }
      return all.stream().filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + root, e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * @param metainfo the bencoded .torrent
   * @param downloadDirectory the directory holding the content as the torrent names it
   */
  public record Created(byte[] metainfo, Path downloadDirectory) {}
}
