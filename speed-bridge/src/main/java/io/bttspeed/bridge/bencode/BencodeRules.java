package io.bttspeed.bridge.bencode;

/**
 * What a {@link BencodeReader} accepts besides canonical bencode, which it always requires
 * (canonical integers within a long, lengths within the input, no trailing bytes, no duplicate
 * keys).
 *
 * @param maxDepth containers nested deeper than this are refused
 * @param maxItems a list or dictionary with more entries than this is refused
 * @param sortedKeys dictionary keys must be strictly ascending (BEP 3): unsorted keys would let two
 *     readers see two different messages; .torrent files in the wild are not always sorted
 */
public record BencodeRules(int maxDepth, int maxItems, boolean sortedKeys) {
  public BencodeRules {
    if (maxDepth < 1 || maxItems < 1) {
      throw new IllegalArgumentException("maxDepth and maxItems must be positive");
    }
  }
}
