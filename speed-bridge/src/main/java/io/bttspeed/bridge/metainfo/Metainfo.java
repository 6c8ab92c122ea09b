package io.bttspeed.bridge.metainfo;

import io.bttspeed.bridge.bencode.BencodeException;
import io.bttspeed.bridge.bencode.BencodeReader;
import io.bttspeed.bridge.bencode.BencodeRules;
import io.bttspeed.bridge.domain.InfoHash;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A v1 .torrent, checked before any engine sees it: size-bounded, depth-bounded bencode, every
 * required key with its type, piece hashes matching the size, and every file path made of plain
 * names (no {@code ..}, no separators, no absolute paths) so it cannot point outside the download
 * directory.
 *
 * @param bytes the .torrent as given
 * @param infoHash SHA-1 of the bencoded info dictionary
 * @param name the torrent's name (the file, or the top directory of a multi-file torrent)
 * @param files the files, each as path elements under the download directory (the name first)
 * @param pieceLength bytes per piece
 * @param totalBytes bytes of content
 * @param trackers announce URLs, in tier order
 */
public record Metainfo(
    byte[] bytes,
    InfoHash infoHash,
    String name,
    List<TorrentFile> files,
    long pieceLength,
    long totalBytes,
    List<String> trackers) {

  /** The largest .torrent accepted, bytes (one with 4 Mi pieces of 20 bytes of hash fits). */
  public static final int MAX_BYTES = 10 * 1024 * 1024;

  /**
   * Deep enough for any real .torrent, bounded so that nesting cannot exhaust the stack; keys need
   * not be sorted, as some clients write them unsorted. Sizes are bounded by the .torrent's own
   * size limit and the file and tracker counts below.
   */
  private static final BencodeRules RULES = new BencodeRules(32, Integer.MAX_VALUE, false);

  private static final int MAX_PATH_ELEMENTS = 64;
  private static final int MAX_ELEMENT_BYTES = 255;
  private static final int MAX_FILES = 100_000;
  private static final int MAX_TRACKERS = 100;

  public Metainfo {
    files = List.copyOf(files);
    trackers = List.copyOf(trackers);
  }

  /** Parses and checks a .torrent; a refusal is a {@link MetainfoException} naming the problem. */
  public static Metainfo parse(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw new MetainfoException("the .torrent is empty");
    }
    if (bytes.length > MAX_BYTES) {
      throw new MetainfoException("the .torrent is larger than " + MAX_BYTES + " bytes");
    }
    BencodeReader.Decoded decoded;
    try {
      decoded = BencodeReader.decode(bytes, RULES);
    } catch (BencodeException e) {
      throw new MetainfoException(e.getMessage());
    }
    Map<String, Object> top = dict(decoded.value(), "the .torrent");
    Map<String, Object> info = dict(top.get("info"), "info");
    BencodeReader.Span span = decoded.topLevelSpans().get("info");
    byte[] infoBytes = java.util.Arrays.copyOfRange(bytes, span.start(), span.end());
    InfoHash infoHash = InfoHash.of(sha1(infoBytes));

    String name = pathElement(info.get("name"), "info.name");
    long pieceLength = positive(info.get("piece length"), "info.piece length");
    if (pieceLength > (1 << 26)) {
      throw new MetainfoException("info.piece length is over 64 MiB");
    }
    byte[] pieces = bytesOf(info.get("pieces"), "info.pieces");
    if (pieces.length == 0 || pieces.length % 20 != 0) {
      throw new MetainfoException("info.pieces must be a non-empty list of 20-byte SHA-1 hashes");
    }
    List<TorrentFile> files = new ArrayList<>();
    long total;
    if (info.containsKey("files")) {
      if (info.containsKey("length")) {
        throw new MetainfoException("info has both length and files");
      }
      total = multiFile(info.get("files"), name, files);
    } else {
      total = nonNegative(info.get("length"), "info.length");
      files.add(new TorrentFile(List.of(name), total));
    }
    long expectedPieces = total == 0 ? 0 : (total - 1) / pieceLength + 1;
    if (expectedPieces != pieces.length / 20) {
      throw new MetainfoException(
          "info.pieces holds "
              + pieces.length / 20
              + " hashes, the content needs "
              + expectedPieces);
    }
    return new Metainfo(bytes.clone(), infoHash, name, files, pieceLength, total, trackers(top));
  }

  private static long multiFile(Object value, String name, List<TorrentFile> out) {
    if (!(value instanceof List<?> list) || list.isEmpty()) {
      throw new MetainfoException("info.files must be a non-empty list");
    }
    if (list.size() > MAX_FILES) {
      throw new MetainfoException("info.files lists more than " + MAX_FILES + " files");
    }
    long total = 0;
    for (Object entry : list) {
      Map<String, Object> file = dict(entry, "info.files[]");
      long length = nonNegative(file.get("length"), "info.files[].length");
      if (!(file.get("path") instanceof List<?> path)
          || path.isEmpty()
          || path.size() >= MAX_PATH_ELEMENTS) {
        throw new MetainfoException(
            "info.files[].path must be a list of 1 to " + (MAX_PATH_ELEMENTS - 1) + " names");
      }
      List<String> elements = new ArrayList<>(path.size() + 1);
      elements.add(name);
      for (Object element : path) {
        elements.add(pathElement(element, "info.files[].path"));
      }
      try {
        total = Math.addExact(total, length);
      } catch (ArithmeticException e) {
        throw new MetainfoException("the files' total size overflows");
      }
      out.add(new TorrentFile(elements, length));
    }
    return total;
  }

  private static List<String> trackers(Map<String, Object> top) {
    List<String> trackers = new ArrayList<>();
    if (top.get("announce-list") instanceof List<?> tiers) {
      for (Object tier : tiers) {
        if (tier instanceof List<?> urls) {
          for (Object url : urls) {
            if (url instanceof byte[] b && trackers.size() < MAX_TRACKERS) {
              String s = new String(b, StandardCharsets.UTF_8);
              if (!trackers.contains(s)) {
                trackers.add(s);
              }
            }
          }
        }
      }
    }
    if (top.get("announce") instanceof byte[] b) {
      String s = new String(b, StandardCharsets.UTF_8);
      if (!trackers.contains(s)) {
        trackers.add(0, s);
      }
    }
    return trackers;
  }

  /** A magnet link naming this torrent and its trackers. */
  public String magnet() {
    StringBuilder uri = new StringBuilder("magnet:?xt=urn:btih:").append(infoHash.hex());
    uri.append("&dn=").append(URLEncoder.encode(name, StandardCharsets.UTF_8));
    for (String tracker : trackers) {
      uri.append("&tr=").append(URLEncoder.encode(tracker, StandardCharsets.UTF_8));
    }
    return uri.toString();
  }

  public int pieceCount() {
    return (int) (totalBytes == 0 ? 0 : (totalBytes - 1) / pieceLength + 1);
  }

  /**
   * A file of the torrent.
   *
   * @param path path elements under the download directory, the torrent's name first
   * @param lengthBytes its size, bytes
   */
  public record TorrentFile(List<String> path, long lengthBytes) {
    public TorrentFile {
      path = List.copyOf(path);
    }
  }

  static Map<String, Object> dict(Object value, String what) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new MetainfoException(what + " must be a dictionary");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> typed = (Map<String, Object>) map;
    return typed;
  }

  private static byte[] bytesOf(Object value, String what) {
    if (!(value instanceof byte[] b)) {
      throw new MetainfoException(what + " must be a byte string");
    }
    return b;
  }

  private static long positive(Object value, String what) {
    long v = nonNegative(value, what);
    if (v == 0) {
      throw new MetainfoException(what + " must be positive");
    }
    return v;
  }

  private static long nonNegative(Object value, String what) {
    if (!(value instanceof Long v) || v < 0) {
      throw new MetainfoException(what + " must be a non-negative integer");
    }
    return v;
  }

  /**
   * One name in a path: valid UTF-8, 1..255 bytes, no separator, no control character, not "." or
   * "..". This is what keeps a hostile torrent inside the download directory.
   */
  public static String pathElement(Object value, String what) {
    byte[] raw = bytesOf(value, what);
    if (raw.length == 0 || raw.length > MAX_ELEMENT_BYTES) {
      throw new MetainfoException(what + " must be a name of 1 to 255 bytes");
    }
    String s;
    try {
      s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(raw))
              .toString();
    } catch (CharacterCodingException e) {
      throw new MetainfoException(what + " is not valid UTF-8");
    }
    if (s.equals(".") || s.equals("..")) {
      throw new MetainfoException(
          what + " may not be \"" + s + "\": the torrent tries to leave its directory");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f) {
        throw new MetainfoException(
            what
                + " holds a path separator or control character: \""
                + BencodeReader.printable(s)
                + "\" (the torrent tries to leave its directory)");
      }
    }
    if (s.length() >= 2 && s.charAt(1) == ':' && Character.isLetter(s.charAt(0))) {
      throw new MetainfoException(
          what + " looks like an absolute Windows path: \"" + BencodeReader.printable(s) + "\"");
    }
    return s;
  }

  private static byte[] sha1(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-1").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-1", e);
    }
  }
}
