package io.bttspeed.bridge.metainfo;

import io.bttspeed.bridge.bencode.BencodeReader;
import io.bttspeed.bridge.domain.InfoHash;
import io.bttspeed.bridge.domain.PeerAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A BEP-9 magnet link with a v1 infohash ({@code xt=urn:btih:} in hex or base32), an optional name
 * ({@code dn}), trackers ({@code tr}) and peers ({@code x.pe}).
 *
 * @param text the link as given
 * @param infoHash the torrent's infohash
 * @param name the display name, if any
 * @param trackers announce URLs
 * @param peers peers to dial
 */
public record MagnetLink(
    String text,
    InfoHash infoHash,
    Optional<String> name,
    List<String> trackers,
    List<PeerAddress> peers) {
  public static final int MAX_CHARS = 8192;
  private static final int MAX_PARAMETERS = 200;
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  public MagnetLink {
    trackers = List.copyOf(trackers);
    peers = List.copyOf(peers);
  }

  public static MagnetLink parse(String text) {
    if (text == null || text.length() > MAX_CHARS) {
      throw new MetainfoException("a magnet link is at most " + MAX_CHARS + " characters");
    }
    if (!text.startsWith("magnet:?")) {
      throw new MetainfoException("a magnet link starts with \"magnet:?\"");
    }
    InfoHash infoHash = null;
    String name = null;
    List<String> trackers = new ArrayList<>();
    List<PeerAddress> peers = new ArrayList<>();
    String[] parameters = text.substring("magnet:?".length()).split("&", MAX_PARAMETERS + 1);
    if (parameters.length > MAX_PARAMETERS) {
      throw new MetainfoException("a magnet link has at most " + MAX_PARAMETERS + " parameters");
    }
    for (String parameter : parameters) {
      int eq = parameter.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = parameter.substring(0, eq);
      String value;
      try {
        value = URLDecoder.decode(parameter.substring(eq + 1), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new MetainfoException("the magnet link's " + key + " is not URL-encoded correctly");
      }
      switch (key) {
        case "xt" -> {
          if (value.startsWith("urn:btih:")) {
            if (infoHash != null) {
              throw new MetainfoException("the magnet link names more than one infohash");
            }
            infoHash = btih(value.substring("urn:btih:".length()));
          }
        }
        case "dn" -> name = value;
        case "tr" -> trackers.add(value);
        case "x.pe" -> {
          try {
            peers.add(PeerAddress.parse(value));
          } catch (IllegalArgumentException e) {
            throw new MetainfoException(
                "the magnet link's peer " + BencodeReader.printable(value) + " is not host:port");
          }
        }
        default -> {}
      }
    }
    if (infoHash == null) {
      throw new MetainfoException("the magnet link has no xt=urn:btih: infohash");
    }
    return new MagnetLink(text, infoHash, Optional.ofNullable(name), trackers, peers);
  }

  private static InfoHash btih(String value) {
    if (value.length() == 40) {
      try {
        return InfoHash.parse(value);
      } catch (IllegalArgumentException e) {
        throw new MetainfoException("the magnet link's infohash is not 40 hex digits");
      }
    }
    if (value.length() == 32) {
      return InfoHash.of(base32(value.toUpperCase(Locale.ROOT)));
    }
    throw new MetainfoException(
        "the magnet link's infohash must be 40 hex or 32 base32 characters");
  }

  private static byte[] base32(String s) {
    byte[] out = new byte[20];
    long buffer = 0;
    int bits = 0;
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      int v = BASE32.indexOf(s.charAt(i));
      if (v < 0) {
        throw new MetainfoException("the magnet link's infohash is not base32");
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out[n++] = (byte) (buffer >> (bits - 8));
        bits -= 8;
      }
    }
    return out;
  }
}
