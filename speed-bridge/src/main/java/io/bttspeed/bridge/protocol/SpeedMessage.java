package io.bttspeed.bridge.protocol;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The messages of the {@code bt_speed} extension, v1 (docs/bt_speed.md). Every value is already
 * valid when a record exists: {@link SpeedCodec} refuses what the constructors would. Amounts whose
 * asset the message itself names are {@link Amount}s; the others ({@code bid_ack}, {@code voucher},
 * {@code receipt}) are base units whose asset the session knows from the bid or the channel, kept
 * as a {@link BigInteger} in [0, 2^256).
 */
public sealed interface SpeedMessage {

  /** The wire {@code t}. */
  String type();

  BigInteger UNITS_LIMIT = BigInteger.ONE.shiftLeft(256);

  static BigInteger requireUnits(BigInteger units, String field) {
    Objects.requireNonNull(units, field);
    if (units.signum() < 0 || units.compareTo(UNITS_LIMIT) >= 0) {
      throw new IllegalArgumentException(field + " must be in [0, 2^256)");
    }
    return units;
  }

  /** One hub this peer trades on. */
  record HubOffer(Asset asset, TronAddress hub) {
    public HubOffer {
      Objects.requireNonNull(asset, "asset");
      Objects.requireNonNull(hub, "hub");
    }
  }

  /**
   * @param version the sender's protocol version (1 here; a later version also speaks 1)
   * @param address where the sender is paid (as a seeder) and pays from (as a leecher)
   * @param chainId the TRON chain id (CHAINID), unsigned 32 bits
   * @param hubs at most 8
   * @param ask the lowest price per MiB the sender sells upload at, per asset; empty: it does not
   *     sell
   */
  record Hello(
      long version, TronAddress address, long chainId, List<HubOffer> hubs, Map<Asset, Amount> ask)
      implements SpeedMessage {
    public static final int MAX_HUBS = 8;

    public Hello {
      if (version < 1) {
        throw new IllegalArgumentException("version must be at least 1");
      }
      Objects.requireNonNull(address, "address");
      if (chainId < 0 || chainId > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("a chain id is an unsigned 32-bit number");
      }
      hubs = List.copyOf(hubs);
      ask = Map.copyOf(ask);
      if (hubs.size() > MAX_HUBS || ask.size() > MAX_HUBS) {
        throw new IllegalArgumentException("at most " + MAX_HUBS + " hubs and asks");
      }
      ask.forEach(
          (asset, price) -> {
            if (!price.asset().equals(asset)) {
              throw new IllegalArgumentException("an ask's amount is in its own asset");
            }
          });
    }

    @Override
    public String type() {
      return "hello";
    }
  }

  /**
   * @param price base units per MiB offered
   * @param budget the most the bidder means to spend with this peer on this torrent
   */
  record Bid(Asset asset, Amount price, ChannelId channel, Amount budget) implements SpeedMessage {
    public Bid {
      Objects.requireNonNull(channel, "channel");
      if (!price.asset().equals(asset) || !budget.asset().equals(asset)) {
        throw new IllegalArgumentException("a bid's price and budget are in its asset");
      }
    }

    @Override
    public String type() {
      return "bid";
    }
  }

  /**
   * @param priceUnits the clearing price per MiB while the bidder holds a paid slot; 0 while it has
   *     none
   * @param paid whether the bidder holds a paid slot this round
   * @param creditBytes paid-slot bytes the seeder sends beyond what was paid before it takes the
   *     slot away
   */
  record BidAck(BigInteger priceUnits, boolean paid, long creditBytes) implements SpeedMessage {
    public BidAck {
      requireUnits(priceUnits, "price");
      if (creditBytes < 0) {
        throw new IllegalArgumentException("credit cannot be negative");
      }
    }

    @Override
    public String type() {
      return "bid_ack";
    }
  }

  /**
   * @param cumulativeUnits what the channel's payer now owes the payee in total
   * @param signature 65 bytes r‖s‖v, v normalized to 27 or 28
   * @param piece the last verified piece this pays for (informational)
   */
  record Voucher(ChannelId channel, BigInteger cumulativeUnits, byte[] signature, long piece)
      implements SpeedMessage {
    public Voucher {
      Objects.requireNonNull(channel, "channel");
      requireUnits(cumulativeUnits, "cum");
      if (signature == null || signature.length != 65) {
        throw new IllegalArgumentException("a signature is 65 bytes");
      }
      signature = signature.clone();
      if (piece < 0) {
        throw new IllegalArgumentException("a piece index cannot be negative");
      }
    }

    @Override
    public byte[] signature() {
      return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Voucher v
          && channel.equals(v.channel)
          && cumulativeUnits.equals(v.cumulativeUnits)
          && Arrays.equals(signature, v.signature)
          && piece == v.piece;
    }

    @Override
    public int hashCode() {
      return Objects.hash(channel, cumulativeUnits, Arrays.hashCode(signature), piece);
    }

    @Override
    public String toString() {
      return "Voucher[channel="
          + channel
          + ", cum="
          + cumulativeUnits
          + ", sig="
          + HexFormat.of().formatHex(signature)
          + ", piece="
          + piece
          + "]";
    }

    @Override
    public String type() {
      return "voucher";
    }
  }

  /**
   * @param cumulativeUnits what the seeder has now accepted and durably stored for the channel
   */
  record Receipt(ChannelId channel, BigInteger cumulativeUnits) implements SpeedMessage {
    public Receipt {
      Objects.requireNonNull(channel, "channel");
      requireUnits(cumulativeUnits, "cum");
    }

    @Override
    public String type() {
      return "receipt";
    }
  }

  /**
   * @param refused the {@code t} of the refused message (at most 32 bytes)
   * @param reason for logs only, cut to 200 UTF-8 bytes when built here
   */
  record Reject(String refused, RejectCode code, String reason) implements SpeedMessage {
    public static final int MAX_REASON_BYTES = 200;
    public static final int MAX_REFUSED_BYTES = 32;

    public Reject {
      Objects.requireNonNull(code, "code");
      if (refused == null || refused.getBytes(StandardCharsets.UTF_8).length > MAX_REFUSED_BYTES) {
        throw new IllegalArgumentException("re is at most " + MAX_REFUSED_BYTES + " bytes");
      }
      reason = cut(reason == null ? "" : reason);
    }

    private static String cut(String text) {
      String out = text;
      while (out.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
        out = out.substring(0, out.length() - 1);
      }
      return out;
    }

    @Override
    public String type() {
      return "reject";
    }
  }
}
