package io.bttspeed.wallet.api;

import io.bttspeed.proto.channel.v1.ChannelState;
import io.bttspeed.tron.Echo;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.wallet.channel.ChannelRole;
import io.bttspeed.wallet.channel.ChannelStatus;
import io.bttspeed.wallet.error.InvalidArgumentException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Parses the fields of {@code bttspeed.channel.v1} requests into domain values, refusing a
 * malformed one with INVALID_ARGUMENT naming the field.
 */
final class ChannelRequests {

  private ChannelRequests() {}

  static ChannelId channelId(String hex) {
    try {
      return ChannelId.fromHex(hex);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException(
          "channel_id must be 64 hex digits, not " + Echo.quote(hex));
    }
  }

  static BigInteger units(String field, String decimal) {
    BigInteger value = Amount.parseUnits(field, decimal);
    if (value.signum() == 0) {
      throw new InvalidArgumentException(field + " must be greater than zero");
    }
    return value;
  }

  static Instant instant(String field, long unixMs) {
    if (unixMs <= 0) {
      throw new InvalidArgumentException(field + " is required: Unix epoch milliseconds");
    }
    return Instant.ofEpochMilli(unixMs);
  }

  /** A voucher's {@code signature_hex}, with or without 0x, on channel {@code id}. */
  static byte[] signature(ChannelId id, String hex) {
    try {
      return HexFormat.of().parseHex(strip0x(hex));
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException(
          "channel " + id.hex() + ": bad signature: signature_hex is not hex");
    }
  }

  /** A role filter: empty (every role) unless payer or payee is asked for. */
  static Optional<ChannelRole> role(io.bttspeed.proto.channel.v1.ChannelRole role) {
    return switch (role) {
      case CHANNEL_ROLE_PAYER -> Optional.of(ChannelRole.PAYER);
      case CHANNEL_ROLE_PAYEE -> Optional.of(ChannelRole.PAYEE);
      default -> Optional.empty();
    };
  }

  /** A state filter: empty (every state) unless one is asked for. */
  static Optional<ChannelStatus> status(ChannelState state) {
    return switch (state) {
      case CHANNEL_STATE_OPENING -> Optional.of(ChannelStatus.OPENING);
      case CHANNEL_STATE_OPEN -> Optional.of(ChannelStatus.OPEN);
      case CHANNEL_STATE_CLOSING -> Optional.of(ChannelStatus.CLOSING);
      case CHANNEL_STATE_CLOSED -> Optional.of(ChannelStatus.CLOSED);
      default -> Optional.empty();
    };
  }

  /** A {@code max_transactions}: 0 means 100, else 1 to 1000. */
  static int maxTransactions(int requested) {
    int max = requested == 0 ? 100 : requested;
    if (max < 1 || max > 1000) {
      throw new InvalidArgumentException(
          "max_transactions must be 1 to 1000 (0 means 100), not " + Integer.toUnsignedString(max));
    }
    return max;
  }

  /** An {@code index_offset}, a uint64 that Java reads as signed. */
  static long indexOffset(long offset) {
    if (offset < 0) {
      throw new InvalidArgumentException(
          "index_offset is too large: " + Long.toUnsignedString(offset));
    }
    return offset;
  }

  private static String strip0x(String hex) {
    String h = hex;
    return h.startsWith("0x") || h.startsWith("0X") ? h.substring(2) : h;
  }
}
