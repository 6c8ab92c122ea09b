package io.bttspeed.wallet.chain;

import io.bttspeed.tron.address.TronAddress;
import java.math.BigInteger;
import java.util.HexFormat;

/**
 * ABI call data for the two TRC-20 functions the wallet calls; addresses as 20-byte words, as in
 * the TVM.
 */
final class Trc20Abi {

  private static final byte[] TRANSFER_SELECTOR = HexFormat.of().parseHex("a9059cbb");
  private static final byte[] BALANCE_OF_SELECTOR = HexFormat.of().parseHex("70a08231");

  private Trc20Abi() {}

  /** {@code transfer(address,uint256)}. */
  static byte[] transfer(TronAddress to, BigInteger amount) {
    return concat(TRANSFER_SELECTOR, word(to), word(amount));
  }

  /** {@code balanceOf(address)}. */
  static byte[] balanceOf(TronAddress owner) {
    return concat(BALANCE_OF_SELECTOR, word(owner));
  }

  private static byte[] word(TronAddress address) {
    byte[] out = new byte[32];
    System.arraycopy(address.evm(), 0, out, 12, 20);
    return out;
  }

  /** A uint256 word; the caller guarantees 0 <= value < 2^256 (Amount does for TRC-20). */
  private static byte[] word(BigInteger value) {
    byte[] magnitude = value.toByteArray();
    int skip = magnitude.length > 32 ? magnitude.length - 32 : 0;
    byte[] out = new byte[32];
    System.arraycopy(magnitude, skip, out, 32 - (magnitude.length - skip), magnitude.length - skip);
    return out;
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] p : parts) {
      length += p.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
