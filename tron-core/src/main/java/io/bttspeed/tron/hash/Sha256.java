package io.bttspeed.tron.hash;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256: TRON's transaction and block ids, Merkle roots and base58check checksums. */
public final class Sha256 {

  private Sha256() {}

  public static byte[] hash(byte[] data) {
    return digest().digest(data);
  }

  /** Hashes the concatenation of the two, as a Merkle tree joins its children. */
  public static byte[] hash(byte[] left, byte[] right) {
    MessageDigest digest = digest();
    digest.update(left);
    digest.update(right);
    return digest.digest();
  }

  /** sha256(sha256(data)), base58check's checksum. */
  public static byte[] twice(byte[] data) {
    MessageDigest digest = digest();
    return digest.digest(digest.digest(data));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime ships SHA-256", e);
    }
  }
}
