package io.bttspeed.bridge.torrent;

import bt.net.PeerId;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A readable client name from an Azureus-style peer id ({@code -LT2010-…} is libtorrent 2.0.1.0).
 */
final class ClientNames {
  private static final Map<String, String> CLIENTS =
      Map.of(
          "LT",
          "libtorrent",
          "lt",
          "libtorrent (Rasterbar)",
          "AR",
          "aria2",
          "TR",
          "Transmission",
          "qB",
          "qBittorrent",
          "UT",
          "µTorrent",
          "DE",
          "Deluge",
          "BT",
          "BitTorrent",
          "BC",
          "BitComet");

  private ClientNames() {}

  static String of(PeerId id) {
    byte[] bytes = id.getBytes();
    if (bytes.length >= 8 && bytes[0] == '-' && bytes[7] == '-') {
      String code = new String(bytes, 1, 2, StandardCharsets.US_ASCII);
      String version =
          new String(bytes, 3, 4, StandardCharsets.US_ASCII).replaceAll("[^0-9A-Za-z]", "");
      return CLIENTS.getOrDefault(code, code) + " " + version;
    }
    if (bytes.length >= 2 && bytes[0] == 'A' && bytes[1] == '2') {
      return "aria2";
    }
    return "unknown";
  }
}
