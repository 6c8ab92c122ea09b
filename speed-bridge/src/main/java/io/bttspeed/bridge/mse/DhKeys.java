package io.bttspeed.bridge.mse;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * One side's Diffie-Hellman keys of an MSE handshake, in the spec's group: the 768-bit MODP prime
 * of RFC 2409 (Oakley group 1) and generator 2. Keys and secrets travel as 96-byte big-endian
 * numbers, zero-padded on the left.
 */
public final class DhKeys {
  /** Bytes of a public key and of the shared secret on the wire. */
  public static final int KEY_BYTES = 96;

  static final BigInteger P =
      new BigInteger(
          "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22"
              + "514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7E"
              + "C6F44C42E9A63A36210000000000090563",
          16);
  private static final BigInteger G = BigInteger.TWO;

  /** The spec asks for at least 128 bits and finds no gain above 180. */
  private static final int PRIVATE_KEY_BITS = 160;

  private final BigInteger privateKey;
  private final byte[] publicKey;

  private DhKeys(BigInteger privateKey) {
    this.privateKey = privateKey;
    this.publicKey = toWire(G.modPow(privateKey, P));
  }

  public static DhKeys generate(SecureRandom random) {
    BigInteger x;
    do {
      x = new BigInteger(PRIVATE_KEY_BITS, random);
    } while (x.signum() == 0);
    return new DhKeys(x);
  }

  public byte[] publicKey() {
    return publicKey.clone();
  }

  /**
   * S, from the peer's public key.
   *
   * @throws HandshakeRefused for a key outside [2, P-2]: 0, 1 and P-1 would give a secret an
   *     eavesdropper knows, and a peer that sends one is not running MSE
   */
  public byte[] sharedSecret(byte[] peerPublicKey) throws HandshakeRefused {
    if (peerPublicKey.length != KEY_BYTES) {
      throw new IllegalArgumentException("a public key is " + KEY_BYTES + " bytes");
    }
    BigInteger y = new BigInteger(1, peerPublicKey);
    if (y.compareTo(BigInteger.TWO) < 0 || y.compareTo(P.subtract(BigInteger.TWO)) > 0) {
      throw new HandshakeRefused("the peer's public key is not a key of the MSE group");
    }
    return toWire(y.modPow(privateKey, P));
  }

  private static byte[] toWire(BigInteger value) {
    byte[] raw = value.toByteArray(); // may carry a leading sign byte, or be shorter than 96
    byte[] out = new byte[KEY_BYTES];
    int n = Math.min(raw.length, KEY_BYTES);
    System.arraycopy(raw, raw.length - n, out, KEY_BYTES - n, n);
    return out;
  }
}
