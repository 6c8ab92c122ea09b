package io.bttspeed.tron.hash;

import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Keccak-256 as TRON and the EVM use it (the original Keccak padding, not SHA3-256): addresses from
 * public keys, the TVM's SHA3 opcode and contract addresses, ABI selectors, TIP-712 digests.
 */
public final class Keccak {

  private Keccak() {}

  public static byte[] hash(byte[] data) {
    return hash(data, 0, data.length);
  }

  public static byte[] hash(byte[] data, int offset, int length) {
    KeccakDigest digest = new KeccakDigest(256);
    digest.update(data, offset, length);
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }

  /** Hashes the concatenation of the parts. */
  public static byte[] hash(byte[]... parts) {
    KeccakDigest digest = new KeccakDigest(256);
    for (byte[] part : parts) {
      digest.update(part, 0, part.length);
    }
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }
}
