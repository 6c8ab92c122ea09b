package io.bttspeed.devnet.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.crypto.digests.KeccakDigest;

/** The two hash functions TRON uses: SHA-256 for ids and Merkle roots, Keccak-256 for addresses. */
public final class Hashes {
  private Hashes() {}

  public static byte[] sha256(byte[] data) {
    return sha256Digest().digest(data);
  }

  public static byte[] sha256(byte[] left, byte[] right) {
    MessageDigest digest = sha256Digest();
    digest.update(left);
    digest.update(right);
    return digest.digest();
  }

  public static byte[] keccak256(byte[] data) {
    KeccakDigest digest = new KeccakDigest(256);
    digest.update(data, 0, data.length);
    byte[] out = new byte[32];
    digest.doFinal(out, 0);
    return out;
  }

  private static MessageDigest sha256Digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime ships SHA-256", e);
    }
  }
}
