package io.bttspeed.tron.signing;

import io.bttspeed.tron.address.TronAddress;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Sign;

/**
 * secp256k1 signing and public-key recovery over 32-byte digests in TRON's 65-byte {@code r‖s‖v}
 * form. Signatures are produced low-S with v in {27, 28}; recovery accepts v in {0, 1, 27, 28} and
 * rejects high-S values, so a signature has exactly one valid encoding. Runs on libsecp256k1 where
 * it loads, else on Bouncy Castle; both give identical results. The one signer of every module: the
 * devnet's blocks and signature checks, the wallet's transactions and vouchers.
 */
public final class Secp256k1 {
  private static final BigInteger ORDER = Sign.CURVE_PARAMS.getN();
  private static final BigInteger HALF_ORDER = ORDER.shiftRight(1);
  private static final SignatureEngine ENGINE =
      NativeSignatureEngine.load().orElseGet(BouncyCastleSignatureEngine::new);

  static {
    // Once per process, when the first key is loaded or the first signature made or checked: a node
    // three times slower than expected is explained by this line.
    LoggerFactory.getLogger(Secp256k1.class).info("secp256k1 engine: {}", ENGINE.name());
  }

  private Secp256k1() {}

  /** Which implementation is in use, for start-up logs and benchmark reports. */
  public static String engineName() {
    return ENGINE.name();
  }

  /** Signs a 32-byte digest; returns {@code r‖s‖v} with v in {27, 28}. */
  public static byte[] sign(byte[] digest, BigInteger privateKey) {
    byte[] key = toBytes32(privateKey);
    try {
      return sign(digest, key, ENGINE.publicKey(key));
    } finally {
      Arrays.fill(key, (byte) 0);
    }
  }

  /**
   * Signs a 32-byte digest with a key whose 64-byte X‖Y public key the caller already holds (a
   * wallet's key signs again and again); returns {@code r‖s‖v} with v in {27, 28}.
   */
  public static byte[] sign(byte[] digest, byte[] privateKey32, byte[] publicKey64) {
    requireDigest(digest);
    SignatureEngine.Signed signed = ENGINE.sign(digest, privateKey32, publicKey64);
    byte[] out = Arrays.copyOf(signed.rs(), 65);
    out[64] = (byte) (27 + signed.recoveryId());
    return out;
  }

  /** The 64-byte X‖Y public key of a 32-byte private key. */
  public static byte[] publicKey(byte[] privateKey32) {
    return ENGINE.publicKey(privateKey32);
  }

  /**
   * Recovers the signer's address, or empty when the signature is malformed or does not recover.
   */
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
    if (r.signum() == 0
        || s.signum() == 0
        || r.compareTo(ORDER) >= 0
        || s.compareTo(HALF_ORDER) > 0) {
      return Optional.empty();
    }
    byte[] publicKey = ENGINE.recover(digest, Arrays.copyOf(signature, 64), recoveryId);
    return Optional.ofNullable(publicKey).map(TronAddress::fromPublicKey);
  }

  /**
   * The 64-byte X‖Y public key that signed the digest, or empty when it does not recover. Unlike
   * {@link #recover} this takes {@code r‖s} and a recovery id of 0 or 1 as they are and accepts a
   * high s: the EVM's ecrecover precompile does, and contracts rely on its exact answers. The
   * caller checks r and s are in 1..n−1.
   */
  public static Optional<byte[]> recoverPublicKey(byte[] digest, byte[] rs, int recoveryId) {
    requireDigest(digest);
    if (rs.length != 64 || recoveryId < 0 || recoveryId > 1) {
      throw new IllegalArgumentException("expected 64 bytes r‖s and a recovery id of 0 or 1");
    }
    return Optional.ofNullable(ENGINE.recover(digest, rs, recoveryId));
  }

  public static TronAddress addressOf(BigInteger privateKey) {
    return TronAddress.fromPublicKey(toBytes64(Sign.publicKeyFromPrivate(privateKey)));
  }

  static byte[] toBytes32(BigInteger value) {
    return toFixed(value, 32);
  }

  static byte[] toBytes64(BigInteger value) {
    return toFixed(value, 64);
  }

  private static byte[] toFixed(BigInteger value, int length) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[length];
    int copy = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
    return out;
  }

  private static void requireDigest(byte[] digest) {
    if (digest.length != 32) {
      throw new IllegalArgumentException("a digest has 32 bytes, got " + digest.length);
    }
  }
}
