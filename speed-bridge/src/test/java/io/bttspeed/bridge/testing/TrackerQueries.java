package io.bttspeed.bridge.testing;

import io.bttspeed.bridge.domain.InfoHash;
import java.util.Locale;

/** Query parameters for a local HTTP tracker (opentracker) in tests and benchmarks. */
public final class TrackerQueries {
  private TrackerQueries() {}

  /**
   * The infohash as a query value, every byte as %XX: URLEncoder would send 0x20 as '+', which a
   * tracker reads as 0x2B, so a scrape of an infohash holding a space asked for another torrent.
   */
  public static String infoHash(InfoHash infoHash) {
    StringBuilder hash = new StringBuilder();
    for (byte b : infoHash.bytes()) {
      hash.append(String.format(Locale.ROOT, "%%%02X", b & 0xff));
    }
    return hash.toString();
  }
}
