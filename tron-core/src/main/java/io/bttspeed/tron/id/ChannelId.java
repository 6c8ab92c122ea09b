package io.bttspeed.tron.id;

/**
 * A payment channel's id: keccak256 of the ABI encoding of (payer, payee, token, per-payer nonce),
 * as the channel contract computes it in {@code open}, so it is known before the open is confirmed.
 * {@link #toString} adds {@code 0x}, as the EVM side writes a bytes32.
 */
public final class ChannelId extends Bytes32 {
  public static final int LENGTH = Bytes32.LENGTH;

  private ChannelId(byte[] bytes) {
    super(bytes, "channel id");
  }

  /**
   * @throws io.bttspeed.tron.MalformedValueException unless exactly 32 bytes
   */
  public static ChannelId of(byte[] bytes) {
    return new ChannelId(bytes);
  }

  /**
   * Parses 64 hex digits, either case, with or without {@code 0x}.
   *
   * @throws io.bttspeed.tron.MalformedValueException for anything else
   */
  public static ChannelId fromHex(String hex) {
    return new ChannelId(parseHex(hex, "channel id"));
  }

  @Override
  public String toString() {
    return "0x" + hex();
  }
}
