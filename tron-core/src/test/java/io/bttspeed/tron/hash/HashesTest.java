package io.bttspeed.tron.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The published vectors: FIPS 180-2 for SHA-256, the Keccak team's (and every EVM's) empty-input
 * hash.
 */
class HashesTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

  @Test
  void sha256OfAbcIsTheFipsVector() {
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        HEX.formatHex(Sha256.hash(ABC)));
    assertArrayEquals(
        Sha256.hash(ABC),
        Sha256.hash(
            "a".getBytes(StandardCharsets.US_ASCII), "bc".getBytes(StandardCharsets.US_ASCII)));
    assertArrayEquals(Sha256.hash(Sha256.hash(ABC)), Sha256.twice(ABC));
  }

  @Test
  void keccakIsTheOriginalPaddingNotSha3() {
    assertEquals(
        "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
        HEX.formatHex(Keccak.hash(new byte[0])));
    byte[] padded = {9, 'a', 'b', 'c', 9};
    assertArrayEquals(Keccak.hash(ABC), Keccak.hash(padded, 1, 3));
    assertArrayEquals(Keccak.hash(ABC), Keccak.hash(new byte[] {'a'}, new byte[] {'b', 'c'}));
  }
}
