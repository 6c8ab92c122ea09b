package io.bttspeed.tron.address;

import io.bttspeed.tron.hash.Sha256;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/** Bitcoin-alphabet base58 with a 4-byte double-SHA-256 checksum, as TRON uses for addresses. */
final class Base58Check {

  private static final String ALPHABET =
      "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  private static final BigInteger BASE = BigInteger.valueOf(58);

  private Base58Check() {}

  static String encode(byte[] payload) {
    byte[] checksum = Arrays.copyOf(Sha256.twice(payload), 4);
    byte[] data = Arrays.copyOf(payload, payload.length + 4);
    System.arraycopy(checksum, 0, data, payload.length, 4);
    StringBuilder out = new StringBuilder();
    BigInteger value = new BigInteger(1, data);
    while (value.signum() > 0) {
      BigInteger[] qr = value.divideAndRemainder(BASE);
      out.append(ALPHABET.charAt(qr[1].intValue()));
      value = qr[0];
    }
    for (int i = 0; i < data.length && data[i] == 0; i++) {
      out.append(ALPHABET.charAt(0));
    }
    return out.reverse().toString();
  }

  /** The payload, or empty when the text is not base58 or its checksum does not match. */
  static Optional<byte[]> decode(String text) {
    BigInteger value = BigInteger.ZERO;
    int leadingZeros = 0;
    boolean inLeading = true;
    for (int i = 0; i < text.length(); i++) {
      int digit = ALPHABET.indexOf(text.charAt(i));
      if (digit < 0) {
        return Optional.empty();
      }
      if (inLeading && digit == 0) {
        leadingZeros++;
      } else {
        inLeading = false;
      }
      value = value.multiply(BASE).add(BigInteger.valueOf(digit));
    }
    byte[] magnitude = value.signum() == 0 ? new byte[0] : value.toByteArray();
    if (magnitude.length > 0 && magnitude[0] == 0) {
      magnitude = Arrays.copyOfRange(magnitude, 1, magnitude.length);
    }
    byte[] data = new byte[leadingZeros + magnitude.length];
    System.arraycopy(magnitude, 0, data, leadingZeros, magnitude.length);
    if (data.length < 5) {
      return Optional.empty();
    }
    byte[] payload = Arrays.copyOf(data, data.length - 4);
    byte[] checksum = Arrays.copyOfRange(data, data.length - 4, data.length);
    byte[] expected = Arrays.copyOf(Sha256.twice(payload), 4);
    return MessageDigest.isEqual(checksum, expected) ? Optional.of(payload) : Optional.empty();
  }
}
