package io.bttspeed.devnet.crypto;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import java.util.HexFormat;
import org.tron.trident.utils.Base58Check;

/**
 * A TRON account address: {@code 0x41 ‖ keccak256(pubkey)[12..32]}, 21 bytes; text form base58check.
 * Only valid addresses can be constructed, so code that holds one never re-checks it.
 */
public final class TronAddress {
  public static final byte PREFIX = 0x41;
  public static final int LENGTH = 21;

  private final byte[] bytes;

  private TronAddress(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Parses the 21-byte binary form; rejects any other length or prefix. */
  public static TronAddress of(byte[] bytes) {
    if (!isValid(bytes)) {
      throw new IllegalArgumentException("not a TRON address: expected 21 bytes starting 0x41");
    }
    return new TronAddress(bytes.clone());
  }

  public static TronAddress of(ByteString bytes) {
    return of(bytes.toByteArray());
  }

  /** The address of a 20-byte EVM address, as the TVM sees it. */
  public static TronAddress fromEvm(byte[] evm20) {
    if (evm20.length != 20) {
      throw new IllegalArgumentException("an EVM address has 20 bytes, got " + evm20.length);
    }
    byte[] full = new byte[LENGTH];
    full[0] = PREFIX;
    System.arraycopy(evm20, 0, full, 1, 20);
    return new TronAddress(full);
  }

  public static TronAddress fromBase58(String text) {
    byte[] decoded;
    try {
      decoded = Base58Check.base58ToBytes(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a base58check TRON address: " + text, e);
    }
    return of(decoded);
  }

  public static TronAddress fromHex(String hex) {
    String digits = hex.startsWith("0x") ? hex.substring(2) : hex;
    return of(HexFormat.of().parseHex(digits));
  }

  /** Derives the address of an uncompressed secp256k1 public key given as its 64 bytes X‖Y. */
  public static TronAddress fromPublicKey(byte[] xy) {
    if (xy.length != 64) {
      throw new IllegalArgumentException("an uncompressed public key has 64 bytes, got " + xy.length);
    }
    byte[] hash = Hashes.keccak256(xy);
    byte[] full = new byte[LENGTH];
    full[0] = PREFIX;
    System.arraycopy(hash, 12, full, 1, 20);
    return new TronAddress(full);
  }

  public static boolean isValid(byte[] bytes) {
    return bytes != null && bytes.length == LENGTH && bytes[0] == PREFIX;
  }

  public byte[] toByteArray() {
    return bytes.clone();
  }

  public ByteString toByteString() {
    return ByteString.copyFrom(bytes);
  }

  /** The 20 bytes the TVM works with. */
  public byte[] evm() {
    return Arrays.copyOfRange(bytes, 1, LENGTH);
  }

  public String base58() {
    return Base58Check.bytesToBase58(bytes);
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TronAddress that && Arrays.equals(bytes, that.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return base58();
  }
}
