package io.bttspeed.bridge.cli;

import io.bttspeed.proto.speed.v1.Torrent;
import java.util.Locale;

/** Human-readable torrents. */
final class Printer {
  private Printer() {}

  static String line(Torrent t) {
    return String.format(
        Locale.ROOT,
        "%s  %-18s %5.1f%%  %s  %d peers  %s",
        t.getInfoHash(),
        state(t),
        percent(t),
        bytes(t.getTotalBytes()),
        t.getPeerCount(),
        t.getName());
  }

  static String details(Torrent t) {
    StringBuilder s = new StringBuilder();
    s.append("name:       ").append(t.getName()).append('\n');
    s.append("infohash:   ").append(t.getInfoHash()).append('\n');
    s.append("state:      ")
        .append(state(t))
        .append(t.getError().isEmpty() ? "" : " (" + t.getError() + ")")
        .append('\n');
    s.append(
        String.format(
            Locale.ROOT,
            "progress:   %.1f%% (%d/%d pieces) of %s%n",
            percent(t),
            t.getPiecesComplete(),
            t.getPiecesTotal(),
            bytes(t.getTotalBytes())));
    s.append("down/up:    ")
        .append(bytes(t.getDownloadedBytes()))
        .append(" / ")
        .append(bytes(t.getUploadedBytes()))
        .append(" this session\n");
    s.append("peers:      ").append(t.getPeerCount()).append('\n');
    s.append("directory:  ").append(t.getDownloadDir()).append('\n');
    s.append("magnet:     ").append(t.getMagnet());
    return s.toString();
  }

  static String state(Torrent t) {
    return t.getState().name().replace("TORRENT_STATE_", "").toLowerCase(Locale.ROOT);
  }

  static double percent(Torrent t) {
    return t.getPiecesTotal() == 0 ? 0 : 100.0 * t.getPiecesComplete() / t.getPiecesTotal();
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = n;
    int i = -1;
    while (v >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[i]);
  }
}
