package io.bttspeed.devnet.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;

/**
 * secp256k1 signing and public-key recovery over 32-byte digests in TRON's 65-byte {@code r‖s‖v} form, on
 * Bouncy Castle through web3j. Signatures are produced low-S; recovery accepts v in {0, 1, 27, 28} and
 * rejects high-S values, so a signature has exactly one valid encoding.
 */
public final class Secp256k1 {
  private static final BigInteger HALF_ORDER = Sign.CURVE_PARAMS.getN().shiftRight(1);

  private Secp256k1() {}

  /** Signs a 32-byte digest; returns {@code r‖s‖v} with v in {27, 28}. */
  public static byte[] sign(byte[] digest, BigInteger privateKey) {
    requireDigest(digest);
    Sign.SignatureData signature = Sign.signMessage(digest, ECKeyPair.create(privateKey), false);
    byte[] out = new byte[65];
    System.arraycopy(signature.getR(), 0, out, 0, 32);
    System.arraycopy(signature.getS(), 0, out, 32, 32);
    out[64] = signature.getV()[0];
    return out;
  }

  /** Recovers the signer's address, or empty when the signature is malformed or does not recover. */
  public static Optional<TronAddress> recover(byte[] digest, byte[] signature) {
    requireDigest(digest);
    if (signature.length < 65) {
      return Optional.empty();
    }
    int v = signature[64] & 0xff;
    int recoveryId = v >= 27 ? v - 27 : v;
    if (recoveryId < 0 || recoveryId > 1) {
      return Optional.empty();
    }
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
    BigInteger n = Sign.CURVE_PARAMS.getN();
    if (r.signum() == 0 || s.signum() == 0 || r.compareTo(n) >= 0 || s.compareTo(HALF_ORDER) > 0) {
      return Optional.empty();
    }
    BigInteger publicKey;
    try {
      publicKey = Sign.recoverFromSignature(recoveryId, new ECDSASignature(r, s), digest);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    return Optional.ofNullable(publicKey).map(TronAddress::fromPublicKey);
  }

  public static TronAddress addressOf(BigInteger privateKey) {
    return TronAddress.fromPublicKey(Sign.publicKeyFromPrivate(privateKey));
  }

  private static void requireDigest(byte[] digest) {
    if (digest.length != 32) {
      throw new IllegalArgumentException("a digest has 32 bytes, got " + digest.length);
    }
  }
}
