package io.bttspeed.wallet.keys;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.signing.Secp256k1;
import io.bttspeed.wallet.error.InvalidArgumentException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * A secp256k1 private key and its TRON address. {@link #toString()} shows only the address, so a
 * key that reaches a log or an error message leaks nothing.
 */
public final class TronKey {

  private static final BigInteger CURVE_ORDER = Sign.CURVE_PARAMS.getN();

  private final ECKeyPair keyPair;
  private final byte[] publicKey64;
  private final TronAddress address;

  private TronKey(ECKeyPair keyPair) {
    this.keyPair = keyPair;
    this.publicKey64 = Numeric.toBytesPadded(keyPair.getPublicKey(), 64);
    this.address = TronAddress.fromPublicKey(publicKey64);
  }

  static TronKey of(ECKeyPair keyPair) {
    return new TronKey(keyPair);
  }

  /** From 32 big-endian bytes; rejects zero and values at or above the curve order. */
  public static TronKey ofPrivateKey(byte[] privateKey32) {
    if (privateKey32.length != 32) {
      throw new InvalidArgumentException("a private key is 32 bytes (64 hex characters)");
    }
    BigInteger d = new BigInteger(1, privateKey32);
    if (d.signum() == 0 || d.compareTo(CURVE_ORDER) >= 0) {
      throw new InvalidArgumentException("the private key is outside the secp256k1 range");
    }
    return new TronKey(ECKeyPair.create(d));
  }

  /** From 64 hex characters, optionally prefixed with 0x. */
  public static TronKey ofPrivateKeyHex(String hex) {
    String digits = hex.strip();
    if (digits.startsWith("0x") || digits.startsWith("0X")) {
      digits = digits.substring(2);
    }
    if (digits.length() != 64) {
      throw new InvalidArgumentException("a private key is 64 hex characters");
    }
    try {
      return ofPrivateKey(HexFormat.of().parseHex(digits));
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException("a private key is 64 hex characters");
    }
  }

  public TronAddress address() {
    return address;
  }

  /** The 32 private key bytes; callers must not keep or log them. */
  public byte[] privateKeyBytes() {
    return Numeric.toBytesPadded(keyPair.getPrivateKey(), 32);
  }

  /** The private key as 64 lowercase hex characters; for handing to a signer library only. */
  public String privateKeyHex() {
    return HexFormat.of().formatHex(privateKeyBytes());
  }

  ECKeyPair keyPair() {
    return keyPair;
  }

  /**
   * Signs a 32-byte digest (a TRON txid) and returns TRON's 65-byte signature r ‖ s ‖ v, with low s
   * and v in {27, 28}.
   */
  public byte[] signDigest(byte[] digest32) {
    if (digest32.length != 32) {
      throw new IllegalArgumentException("a digest is 32 bytes");
    }
    byte[] privateKey = privateKeyBytes();
    try {
      return Secp256k1.sign(digest32, privateKey, publicKey64);
    } finally {
      Arrays.fill(privateKey, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "TronKey[" + address + "]";
  }
}
