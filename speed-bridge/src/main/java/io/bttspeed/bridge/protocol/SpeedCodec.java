package io.bttspeed.bridge.protocol;

import io.bttspeed.bridge.bencode.BencodeException;
import io.bttspeed.bridge.bencode.BencodeReader;
import io.bttspeed.bridge.bencode.BencodeRules;
import io.bttspeed.bridge.bencode.BencodeWriter;
import io.bttspeed.bridge.protocol.SpeedMessage.Bid;
import io.bttspeed.bridge.protocol.SpeedMessage.BidAck;
import io.bttspeed.bridge.protocol.SpeedMessage.Hello;
import io.bttspeed.bridge.protocol.SpeedMessage.HubOffer;
import io.bttspeed.bridge.protocol.SpeedMessage.Receipt;
import io.bttspeed.bridge.protocol.SpeedMessage.Reject;
import io.bttspeed.bridge.protocol.SpeedMessage.Voucher;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Encodes and decodes {@code bt_speed} payloads exactly as docs/bt_speed.md fixes them. Decoding
 * checks the size before it looks at a byte, then the bencode (bounded depth and counts), then
 * every field's type and length; unknown keys are ignored. Anything else is a {@link
 * ProtocolViolation}. Stateless and thread-safe.
 */
public final class SpeedCodec {
  public static final int MAX_PAYLOAD = 1024;
  public static final int MAX_ASSET_BYTES = 64;

  /** 2^256 − 1 has 78 digits. */
  private static final int MAX_AMOUNT_DIGITS = 78;

  /** secp256k1's group order n; a signature's s must be at most n/2 (no malleable twin). */
  private static final BigInteger HALF_ORDER =
      new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16)
          .shiftRight(1);

  /**
   * docs/bt_speed.md: a payload nests at most 4 levels, holds at most 64 entries per container, and
   * its keys are sorted, so that two readers never see two different messages in one payload.
   */
  private static final BencodeRules WIRE = new BencodeRules(4, 64, true);

  private SpeedCodec() {}

  public static SpeedMessage decode(byte[] payload) throws ProtocolViolation {
    if (payload.length > MAX_PAYLOAD) {
      throw new ProtocolViolation("a payload of " + payload.length + " bytes, over " + MAX_PAYLOAD);
    }
    Map<String, Object> m;
    try {
      m = BencodeReader.decodeDictionary(payload, WIRE);
    } catch (BencodeException e) {
      throw new ProtocolViolation(e.getMessage());
    }
    String t = text(m, "t", 16);
    try {
      return switch (t) {
        case "hello" -> hello(m);
        case "bid" ->
            new Bid(
                asset(m, "asset"),
                amount(m, "price", asset(m, "asset")),
                channel(m, "channel"),
                amount(m, "budget", asset(m, "asset")));
        case "bid_ack" ->
            new BidAck(units(m, "price"), flag(m, "paid"), integer(m, "credit", 0, Long.MAX_VALUE));
        case "voucher" ->
            new Voucher(
                channel(m, "channel"),
                units(m, "cum"),
                signature(m, "sig"),
                integer(m, "piece", 0, Integer.MAX_VALUE));
        case "receipt" -> new Receipt(channel(m, "channel"), units(m, "cum"));
        case "reject" ->
            new Reject(
                text(m, "re", Reject.MAX_REFUSED_BYTES),
                RejectCode.ofWire(text(m, "code", 16))
                    .orElseThrow(() -> new ProtocolViolation("unknown reject code")),
                text(m, "reason", Reject.MAX_REASON_BYTES));
        default -> throw new ProtocolViolation("unknown message type");
      };
    } catch (
        IllegalArgumentException
            e) { // a value the domain types refuse (e.g. a TRC-10 amount over int64)
      throw new ProtocolViolation(t + ": " + e.getMessage());
    }
  }

  public static byte[] encode(SpeedMessage message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("t", message.type());
    if (message instanceof Hello h) {
      m.put("v", h.version());
      m.put("addr", h.address().toByteArray());
      m.put("chain", h.chainId());
      List<Object> hubs = new ArrayList<>();
      h.hubs()
          .forEach(
              hub ->
                  hubs.add(
                      Map.of("asset", assetText(hub.asset()), "hub", hub.hub().toByteArray())));
      m.put("hubs", hubs);
      if (!h.ask().isEmpty()) {
        Map<String, Object> ask = new LinkedHashMap<>();
        h.ask().forEach((asset, price) -> ask.put(assetText(asset), price.units().toString()));
        m.put("ask", ask);
      }
    } else if (message instanceof Bid b) {
      m.put("asset", assetText(b.asset()));
      m.put("price", b.price().units().toString());
      m.put("channel", b.channel().bytes());
      m.put("budget", b.budget().units().toString());
    } else if (message instanceof BidAck a) {
      m.put("price", a.priceUnits().toString());
      m.put("paid", a.paid() ? 1L : 0L);
      m.put("credit", a.creditBytes());
    } else if (message instanceof Voucher v) {
      m.put("channel", v.channel().bytes());
      m.put("cum", v.cumulativeUnits().toString());
      m.put("sig", v.signature());
      m.put("piece", v.piece());
    } else if (message instanceof Receipt r) {
      m.put("channel", r.channel().bytes());
      m.put("cum", r.cumulativeUnits().toString());
    } else if (message instanceof Reject r) {
      m.put("re", r.refused());
      m.put("code", r.code().wire());
      m.put("reason", r.reason());
    }
    byte[] out = BencodeWriter.encode(m);
    if (out.length > MAX_PAYLOAD) {
      throw new IllegalArgumentException(
          "a " + message.type() + " of " + out.length + " bytes is over the limit");
    }
    return out;
  }

  /** The wire spelling of an asset: {@code trc10:<id>} or {@code trc20:<base58 contract>}. */
  public static String assetText(Asset asset) {
    if (asset instanceof Asset.Trc10 t) {
      return "trc10:" + t.tokenId();
    }
    if (asset instanceof Asset.Trc20 t) {
      return "trc20:" + t.contract().base58();
    }
    throw new IllegalArgumentException("TRX has no channel hub");
  }

  /** Inverse of {@link #assetText}; TRX and every other spelling are refused. */
  public static Asset parseAsset(String text) throws ProtocolViolation {
    try {
      if (text.startsWith("trc10:")) {
        return Asset.Trc10.parse(text.substring(6));
      }
      if (text.startsWith("trc20:")) {
        String address = text.substring(6);
        if (!address.startsWith("T")) { // base58 only: one asset, one spelling
          throw new ProtocolViolation("a trc20 asset names its contract in base58");
        }
        return new Asset.Trc20(TronAddress.parse(address));
      }
    } catch (RuntimeException e) {
      throw new ProtocolViolation("not an asset");
    }
    throw new ProtocolViolation("not an asset");
  }

  private static Hello hello(Map<String, Object> m) throws ProtocolViolation {
    long version = integer(m, "v", 1, Long.MAX_VALUE);
    TronAddress address = address(m, "addr");
    long chain = integer(m, "chain", 0, 0xFFFF_FFFFL);
    List<?> hubList = list(m, "hubs");
    if (hubList.size() > Hello.MAX_HUBS) {
      throw new ProtocolViolation("more than " + Hello.MAX_HUBS + " hubs");
    }
    List<HubOffer> hubs = new ArrayList<>();
    for (Object entry : hubList) {
      if (!(entry instanceof Map<?, ?> hub)) {
        throw new ProtocolViolation("a hub that is not a dictionary");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> h = (Map<String, Object>) hub;
      hubs.add(new HubOffer(asset(h, "asset"), address(h, "hub")));
    }
    Map<Asset, Amount> ask = new LinkedHashMap<>();
    Object askValue = m.get("ask");
    if (askValue != null) {
      if (!(askValue instanceof Map<?, ?> asks)) {
        throw new ProtocolViolation("ask is not a dictionary");
      }
      if (asks.size() > Hello.MAX_HUBS) {
        throw new ProtocolViolation("more than " + Hello.MAX_HUBS + " asks");
      }
      for (Map.Entry<?, ?> e : asks.entrySet()) {
        String key = (String) e.getKey();
        if (key.length() > MAX_ASSET_BYTES) {
          throw new ProtocolViolation("an asset over " + MAX_ASSET_BYTES + " bytes");
        }
        Asset asset = parseAsset(key);
        if (!(e.getValue() instanceof byte[] digits)) {
          throw new ProtocolViolation("an ask that is not an amount");
        }
        ask.put(asset, new Amount(asset, decimal(digits, "ask")));
      }
    }
    return new Hello(version, address, chain, hubs, ask);
  }

  private static Object required(Map<String, Object> m, String key) throws ProtocolViolation {
    Object v = m.get(key);
    if (v == null) {
      throw new ProtocolViolation("missing " + key);
    }
    return v;
  }

  private static byte[] bytes(Map<String, Object> m, String key) throws ProtocolViolation {
    if (!(required(m, key) instanceof byte[] b)) {
      throw new ProtocolViolation(key + " is not a byte string");
    }
    return b;
  }

  private static String text(Map<String, Object> m, String key, int maxBytes)
      throws ProtocolViolation {
    byte[] b = bytes(m, key);
    if (b.length > maxBytes) {
      throw new ProtocolViolation(key + " is over " + maxBytes + " bytes");
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ProtocolViolation(key + " is not UTF-8");
    }
  }

  private static long integer(Map<String, Object> m, String key, long min, long max)
      throws ProtocolViolation {
    if (!(required(m, key) instanceof Long v)) {
      throw new ProtocolViolation(key + " is not an integer");
    }
    if (v < min || v > max) {
      throw new ProtocolViolation(key + " is out of range");
    }
    return v;
  }

  private static boolean flag(Map<String, Object> m, String key) throws ProtocolViolation {
    return integer(m, key, 0, 1) == 1;
  }

  private static List<?> list(Map<String, Object> m, String key) throws ProtocolViolation {
    if (!(required(m, key) instanceof List<?> l)) {
      throw new ProtocolViolation(key + " is not a list");
    }
    return l;
  }

  private static BigInteger units(Map<String, Object> m, String key) throws ProtocolViolation {
    return decimal(bytes(m, key), key);
  }

  private static BigInteger decimal(byte[] digits, String key) throws ProtocolViolation {
    String text = new String(digits, StandardCharsets.ISO_8859_1);
    if (!Amount.isCanonical(text, MAX_AMOUNT_DIGITS)) {
      throw new ProtocolViolation(key + " is not a canonical decimal amount");
    }
    BigInteger value = new BigInteger(text);
    if (value.compareTo(SpeedMessage.UNITS_LIMIT) >= 0) {
      throw new ProtocolViolation(key + " is not below 2^256");
    }
    return value;
  }

  private static Amount amount(Map<String, Object> m, String key, Asset asset)
      throws ProtocolViolation {
    BigInteger units = units(m, key);
    if (units.compareTo(asset.maxUnits()) > 0) {
      throw new ProtocolViolation(key + " is over what " + asset.key() + " can carry");
    }
    return new Amount(asset, units);
  }

  private static Asset asset(Map<String, Object> m, String key) throws ProtocolViolation {
    return parseAsset(text(m, key, MAX_ASSET_BYTES));
  }

  private static TronAddress address(Map<String, Object> m, String key) throws ProtocolViolation {
    byte[] b = bytes(m, key);
    if (b.length != 21 || b[0] != 0x41) {
      throw new ProtocolViolation(key + " is not a 21-byte TRON address");
    }
    return TronAddress.of(b);
  }

  private static ChannelId channel(Map<String, Object> m, String key) throws ProtocolViolation {
    byte[] b = bytes(m, key);
    if (b.length != ChannelId.LENGTH) {
      throw new ProtocolViolation(key + " is not a 32-byte channel id");
    }
    return ChannelId.of(b);
  }

  private static byte[] signature(Map<String, Object> m, String key) throws ProtocolViolation {
    byte[] b = bytes(m, key).clone();
    if (b.length != 65) {
      throw new ProtocolViolation(key + " is not a 65-byte signature");
    }
    int v = b[64] & 0xFF;
    if (v == 0 || v == 1) {
      b[64] = (byte) (v + 27);
    } else if (v != 27 && v != 28) {
      throw new ProtocolViolation(key + " has a recovery id other than 27 or 28");
    }
    byte[] s = java.util.Arrays.copyOfRange(b, 32, 64);
    if (new BigInteger(1, s).compareTo(HALF_ORDER) > 0) {
      throw new ProtocolViolation(key + " has a high s");
    }
    return b;
  }
}
