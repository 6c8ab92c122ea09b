package io.bttspeed.tron.address;

import com.google.protobuf.ByteString;
import io.bttspeed.tron.Echo;
import io.bttspeed.tron.MalformedValueException;
import io.bttspeed.tron.hash.Keccak;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TRON account address: 21 bytes, 0x41 followed by the last 20 bytes of keccak256(public key);
 * text form base58check or {@code 41…} hex. Only valid addresses can be constructed, so code that
 * holds one never re-checks it. The TVM's 20-byte form ({@link #evm()}) converts through {@link
 * #fromEvm}.
 */
public final class TronAddress {

  public static final byte PREFIX = 0x41;
  public static final int LENGTH = 21;

  /**
   * Base58check of 25 bytes is 34 characters; hex is 42, 44 with {@code 0x}. Checked before any
   * decoding.
   */
  public static final int MAX_TEXT_LENGTH = 44;

  /**
   * Addresses parsed from base58 text, by text: a wallet reads the same few addresses over and over
   * (every stored transfer names two), and base58 decoding is big-integer arithmetic. Cleared when
   * full.
   */
  private static final int PARSED_MAX = 10_000;

  private static final Map<String, TronAddress> PARSED = new ConcurrentHashMap<>();

  private final byte[] bytes;

  /** Computed on first use; a racing second computation yields an equal immutable string. */
  private String base58;

  private TronAddress(byte[] bytes) {
    this.bytes = bytes;
  }

  /** From the 21 raw bytes (0x41 first). */
  public static TronAddress of(byte[] raw) {
    if (!isValid(raw)) {
      throw new MalformedValueException("a TRON address is 21 bytes starting with 0x41");
    }
    return new TronAddress(raw.clone());
  }

  public static TronAddress of(ByteString raw) {
    return of(raw.toByteArray());
  }

  /** Whether the bytes are a binary TRON address: 21 bytes starting 0x41. */
  public static boolean isValid(byte[] raw) {
    return raw != null && raw.length == LENGTH && raw[0] == PREFIX;
  }

  /** The address of a 20-byte EVM address, as the TVM sees it. */
  public static TronAddress fromEvm(byte[] evm20) {
    if (evm20.length != LENGTH - 1) {
      throw new MalformedValueException("an EVM address has 20 bytes, got " + evm20.length);
    }
    byte[] raw = new byte[LENGTH];
    raw[0] = PREFIX;
    System.arraycopy(evm20, 0, raw, 1, LENGTH - 1);
    return new TronAddress(raw);
  }

  /** From a 64-byte uncompressed public key (x ‖ y, without the 0x04 prefix). */
  public static TronAddress fromPublicKey(byte[] publicKey64) {
    if (publicKey64.length != 64) {
      throw new MalformedValueException(
          "an uncompressed public key has 64 bytes, got " + publicKey64.length);
    }
    byte[] hash = Keccak.hash(publicKey64);
    byte[] raw = new byte[LENGTH];
    raw[0] = PREFIX;
    System.arraycopy(hash, hash.length - 20, raw, 1, 20);
    return new TronAddress(raw);
  }

  /**
   * Parses base58check text ({@code T...}) or 42 hex characters starting with 41 (an optional 0x
   * prefix is accepted); rejects anything else, surrounding spaces included, with a message naming
   * the accepted forms. The length is checked before decoding: base58 decoding is quadratic in the
   * length (a 400,000-character "address" cost 50 s of CPU).
   */
  public static TronAddress parse(String text) {
    return tryParse(text)
        .orElseThrow(
            () ->
                new MalformedValueException(
                    "not a TRON address: "
                        + Echo.quote(text)
                        + "; expected base58check (T..., 34 characters) or hex 41 followed by 40 hex"
                        + " digits"));
  }

  public static Optional<TronAddress> tryParse(String text) {
    if (text == null || text.length() > MAX_TEXT_LENGTH) {
      return Optional.empty();
    }
    String trimmed = text;
    String hex =
        trimmed.startsWith("0x") || trimmed.startsWith("0X") ? trimmed.substring(2) : trimmed;
    if (hex.length() == 2 * LENGTH && hex.regionMatches(true, 0, "41", 0, 2)) {
      try {
        return Optional.of(of(HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT))));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
    TronAddress known = PARSED.get(trimmed);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<TronAddress> decoded =
        Base58Check.decode(trimmed)
            .filter(raw -> raw.length == LENGTH && raw[0] == PREFIX)
            .map(TronAddress::new);
    decoded.ifPresent(
        address -> {
          if (PARSED.size() >= PARSED_MAX) {
            PARSED.clear();
          }
          PARSED.put(trimmed, address);
        });
    return decoded;
  }

  public byte[] toByteArray() {
    return bytes.clone();
  }

  public ByteString toByteString() {
    return ByteString.copyFrom(bytes);
  }

  /** The 20-byte form the TVM and ABI encoding use. */
  public byte[] evm() {
    return Arrays.copyOfRange(bytes, 1, LENGTH);
  }

  public String base58() {
    String text = base58;
    if (text == null) {
      text = Base58Check.encode(bytes);
      base58 = text;
    }
    return text;
  }

  /** 42 lowercase hex characters, starting with 41. */
  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TronAddress other && Arrays.equals(bytes, other.bytes);
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
