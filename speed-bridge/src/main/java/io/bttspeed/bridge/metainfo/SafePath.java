package io.bttspeed.bridge.metainfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Where a torrent's file may be written: under the download directory, through plain names only,
 * never through a symbolic link. What a hostile torrent names ({@code ..}, {@code /etc/passwd}, a
 * link planted in the directory) is refused here before a byte is written.
 */
public final class SafePath {
  private SafePath() {}

  /**
   * @param root the download directory (it may itself be reached through a link: the user chose it)
   * @param elements the file's path elements under {@code root}
   * @return the file's path
   * @throws MetainfoException when an element is not a plain name or a link lies on the way
   */
  public static Path resolveInside(Path root, List<String> elements) {
    if (elements.isEmpty()) {
      throw new MetainfoException("a file of the torrent has an empty path");
    }
    Path base;
    try {
      base = Files.exists(root) ? root.toRealPath() : root.toAbsolutePath().normalize();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot resolve the download directory " + root, e);
    }
    Path current = base;
    for (String element : elements) {
      Metainfo.pathElement(
          element.getBytes(java.nio.charset.StandardCharsets.UTF_8), "a file's path");
      current = current.resolve(element);
      if (Files.isSymbolicLink(current)) {
        throw new MetainfoException(
            "the torrent's file "
                + String.join("/", elements)
                + " would be written through a symbolic link in the download directory");
      }
      if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)
          && current != base
          && !Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)
          && !Files.isRegularFile(current, LinkOption.NOFOLLOW_LINKS)) {
        throw new MetainfoException(
            "the torrent's file "
                + String.join("/", elements)
                + " would be written over something that is not a file");
      }
    }
    Path normalized = current.normalize();
    if (!normalized.startsWith(base) || normalized.equals(base)) {
      throw new MetainfoException(
          "the torrent's file "
              + String.join("/", elements)
              + " lies outside the download directory");
    }
    return normalized;
  }
}
