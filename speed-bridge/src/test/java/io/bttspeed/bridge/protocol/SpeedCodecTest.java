package io.bttspeed.bridge.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bttspeed.bridge.protocol.SpeedMessage.Bid;
import io.bttspeed.bridge.protocol.SpeedMessage.BidAck;
import io.bttspeed.bridge.protocol.SpeedMessage.Hello;
import io.bttspeed.bridge.protocol.SpeedMessage.HubOffer;
import io.bttspeed.bridge.protocol.SpeedMessage.Receipt;
import io.bttspeed.bridge.protocol.SpeedMessage.Reject;
import io.bttspeed.bridge.protocol.SpeedMessage.Voucher;
import io.bttspeed.bridge.testing.Bencoder;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.ChannelId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SpeedCodecTest {
  static final TronAddress HUB = TronAddress.parse("TQtey1U4qqpPtLeNYVzVSJER3e6RDNYjLV");
  static final TronAddress PAYER = TronAddress.parse("TWer2Ygk5TEheHp3TPuYeqxmB6SsGZmaL6");
  static final Asset BTT = new Asset.Trc20(HUB);
  static final Asset BTT_OLD = new Asset.Trc10(1002000);
  static final byte[] CHANNEL = filled(32, 0x11);
  static final byte[] SIG =
      HexFormat.of()
          .parseHex(
              "cc60531419d7c562711659a8651ba707ab0e814332024bc7f32393c3e789870a"
                  + "36a9332cb262196a4d7cd42809ec4d61ae1c933449c47de9447316fc9b1c6c001b");

  static byte[] filled(int n, int b) {
    byte[] out = new byte[n];
    Arrays.fill(out, (byte) b);
    return out;
  }

  static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
    Map<String, Object> m = new HashMap<>(base);
    if (value == null) {
      m.remove(key);
    } else {
      m.put(key, value);
    }
    return m;
  }

  static final Map<String, Object> HELLO =
      Map.of(
          "t",
          "hello",
          "v",
          1,
          "addr",
          PAYER.toByteArray(),
          "chain",
          150615991L,
          "hubs",
          List.of(Map.of("asset", "trc20:" + HUB.base58(), "hub", HUB.toByteArray())),
          "ask",
          Map.of("trc10:1002000", "5"));
  static final Map<String, Object> BID =
      Map.of(
          "t",
          "bid",
          "asset",
          "trc10:1002000",
          "price",
          "100",
          "channel",
          CHANNEL,
          "budget",
          "1000000");
  static final Map<String, Object> ACK =
      Map.of("t", "bid_ack", "price", "7", "paid", 1, "credit", 65536);
  static final Map<String, Object> VOUCHER =
      Map.of(
          "t", "voucher", "channel", CHANNEL, "cum", "1000000000000000000", "sig", SIG, "piece", 3);
  static final Map<String, Object> RECEIPT =
      Map.of("t", "receipt", "channel", CHANNEL, "cum", "12");
  static final Map<String, Object> REJECT =
      Map.of("t", "reject", "re", "bid", "code", "low_price", "reason", "x");

  @Test
  void theSpecsReceiptExampleIsEncodedByteForByte() throws Exception {
    Receipt receipt = new Receipt(ChannelId.of(CHANNEL), new BigInteger("1000000000000000000"));
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    expected.writeBytes("d7:channel32:".getBytes(StandardCharsets.US_ASCII));
    expected.writeBytes(CHANNEL);
    expected.writeBytes(
        "3:cum19:10000000000000000001:t7:receipte".getBytes(StandardCharsets.US_ASCII));
    assertArrayEquals(expected.toByteArray(), SpeedCodec.encode(receipt));
    assertEquals(receipt, SpeedCodec.decode(expected.toByteArray()));
  }

  @Test
  void theSpecsTestVectorVoucherDecodesWithItsSignature() throws Exception {
    Voucher v = (Voucher) SpeedCodec.decode(Bencoder.encode(VOUCHER));
    assertEquals(new BigInteger("1000000000000000000"), v.cumulativeUnits());
    assertArrayEquals(SIG, v.signature());
    assertEquals(3, v.piece());
  }

  static Stream<SpeedMessage> everyMessage() {
    return Stream.of(
        new Hello(
            1,
            PAYER,
            150615991L,
            List.of(new HubOffer(BTT, HUB), new HubOffer(BTT_OLD, HUB)),
            Map.of(
                BTT,
                new Amount(BTT, BigInteger.TEN.pow(18)),
                BTT_OLD,
                new Amount(BTT_OLD, BigInteger.ONE))),
        new Hello(1, PAYER, 0xFFFF_FFFFL, List.of(), Map.of()),
        new Bid(
            BTT,
            new Amount(BTT, Asset.UINT256_MAX),
            ChannelId.of(CHANNEL),
            new Amount(BTT, BigInteger.ZERO)),
        new BidAck(BigInteger.ZERO, false, 0),
        new BidAck(BigInteger.valueOf(123), true, Long.MAX_VALUE),
        new Voucher(ChannelId.of(CHANNEL), Asset.UINT256_MAX, SIG, Integer.MAX_VALUE),
        new Receipt(ChannelId.of(CHANNEL), BigInteger.ZERO),
        new Reject("voucher", RejectCode.STALE_VOUCHER, "é".repeat(150)));
  }

  @ParameterizedTest
  @MethodSource("everyMessage")
  void everyMessageSurvivesARoundTrip(SpeedMessage message) throws Exception {
    byte[] wire = SpeedCodec.encode(message);
    assertEquals(message, SpeedCodec.decode(wire));
    assertArrayEquals(
        wire, SpeedCodec.encode(SpeedCodec.decode(wire)), "one message, one encoding");
  }

  @Test
  void unknownKeysAreIgnored() throws Exception {
    assertEquals(
        SpeedCodec.decode(Bencoder.encode(BID)),
        SpeedCodec.decode(Bencoder.encode(with(with(BID, "zz_future", List.of(1, 2)), "a", "b"))));
  }

  @Test
  void recoveryIdZeroOrOneIsReadAs27Or28() throws Exception {
    byte[] sig = SIG.clone();
    sig[64] = 0;
    Voucher v = (Voucher) SpeedCodec.decode(Bencoder.encode(with(VOUCHER, "sig", sig)));
    assertEquals(27, v.signature()[64]);
  }

  static byte[] raw(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  static Stream<Arguments> malformed() {
    byte[] highS = SIG.clone();
    Arrays.fill(highS, 32, 64, (byte) 0xFF);
    byte[] badV = SIG.clone();
    badV[64] = 29;
    byte[] oversize = Bencoder.encode(with(BID, "pad", new byte[1024]));
    byte[] deep = Bencoder.encode(with(BID, "x", List.of(List.of(List.of(List.of(1))))));
    return Stream.of(
        Arguments.of("empty payload", new byte[0]),
        Arguments.of("not a dictionary", Bencoder.encode(List.of("t", "bid"))),
        Arguments.of("an integer", raw("i1e")),
        Arguments.of("trailing bytes", concat(Bencoder.encode(RECEIPT), raw("i0e"))),
        Arguments.of("truncated", Arrays.copyOf(Bencoder.encode(RECEIPT), 20)),
        Arguments.of("over 1,024 bytes", oversize),
        Arguments.of("nested deeper than 4", deep),
        Arguments.of(
            "unsorted keys", raw("d1:t7:receipt7:channel32:" + "\u0011".repeat(32) + "3:cum1:0e")),
        Arguments.of(
            "duplicate keys",
            raw("d3:cum1:03:cum1:07:channel32:" + "\u0011".repeat(32) + "1:t7:receipte")),
        Arguments.of("string length past the end", raw("d1:t99999:bide")),
        Arguments.of("leading zero in a length", raw("d1:t03:bide")),
        Arguments.of(
            "leading zero in an integer",
            Bencoder.encode(with(ACK, "paid", "x")).length > 0
                ? raw("d6:credit" + "i01e" + "4:paidi1e5:price1:71:t7:bid_acke")
                : null),
        Arguments.of("minus zero", raw("d6:crediti-0e4:paidi1e5:price1:71:t7:bid_acke")),
        Arguments.of(
            "integer too long",
            raw("d6:crediti99999999999999999999e4:paidi1e5:price1:71:t7:bid_acke")),
        Arguments.of("a non-string key", raw("di1ei2e1:t7:receipte")),
        Arguments.of("missing t", Bencoder.encode(with(BID, "t", null))),
        Arguments.of("t not a string", Bencoder.encode(with(BID, "t", 5))),
        Arguments.of("unknown t", Bencoder.encode(with(BID, "t", "tip"))),
        Arguments.of("hello missing addr", Bencoder.encode(with(HELLO, "addr", null))),
        Arguments.of("hello v 0", Bencoder.encode(with(HELLO, "v", 0))),
        Arguments.of("hello v a string", Bencoder.encode(with(HELLO, "v", "1"))),
        Arguments.of("hello chain over 32 bits", Bencoder.encode(with(HELLO, "chain", 1L << 32))),
        Arguments.of("hello chain negative", Bencoder.encode(with(HELLO, "chain", -1))),
        Arguments.of(
            "hello addr 20 bytes",
            Bencoder.encode(with(HELLO, "addr", Arrays.copyOf(PAYER.toByteArray(), 20)))),
        Arguments.of("hello addr not 0x41", Bencoder.encode(with(HELLO, "addr", filled(21, 0x42)))),
        Arguments.of("hello hubs not a list", Bencoder.encode(with(HELLO, "hubs", "x"))),
        Arguments.of(
            "hello nine hubs",
            Bencoder.encode(
                with(
                    HELLO,
                    "hubs",
                    java.util.Collections.nCopies(
                        9, Map.of("asset", "trc10:1002000", "hub", HUB.toByteArray()))))),
        Arguments.of(
            "hello hub entry not a dict", Bencoder.encode(with(HELLO, "hubs", List.of("x")))),
        Arguments.of(
            "hello hub short address",
            Bencoder.encode(
                with(
                    HELLO,
                    "hubs",
                    List.of(Map.of("asset", "trc10:1002000", "hub", new byte[21]))))),
        Arguments.of("hello ask not a dict", Bencoder.encode(with(HELLO, "ask", List.of()))),
        Arguments.of(
            "hello ask amount an int",
            Bencoder.encode(with(HELLO, "ask", Map.of("trc10:1002000", 5)))),
        Arguments.of(
            "hello ask unknown asset", Bencoder.encode(with(HELLO, "ask", Map.of("trx", "5")))),
        Arguments.of("bid asset TRX", Bencoder.encode(with(BID, "asset", "TRX"))),
        Arguments.of("bid asset upper case", Bencoder.encode(with(BID, "asset", "TRC10:1002000"))),
        Arguments.of(
            "bid asset hex trc20", Bencoder.encode(with(BID, "asset", "trc20:" + HUB.hex()))),
        Arguments.of(
            "bid asset over 64 bytes",
            Bencoder.encode(with(BID, "asset", "trc10:" + "1".repeat(60)))),
        Arguments.of("bid asset bad trc10 id", Bencoder.encode(with(BID, "asset", "trc10:01"))),
        Arguments.of("bid price leading zero", Bencoder.encode(with(BID, "price", "0100"))),
        Arguments.of("bid price negative", Bencoder.encode(with(BID, "price", "-1"))),
        Arguments.of("bid price with a space", Bencoder.encode(with(BID, "price", " 1"))),
        Arguments.of("bid price empty", Bencoder.encode(with(BID, "price", ""))),
        Arguments.of("bid price an integer", Bencoder.encode(with(BID, "price", 100))),
        Arguments.of(
            "bid price 2^256",
            Bencoder.encode(
                with(BID, "asset", "trc20:" + HUB.base58()).entrySet().stream()
                    .collect(
                        java.util.stream.Collectors.toMap(
                            Map.Entry::getKey,
                            e ->
                                e.getKey().equals("price")
                                    ? BigInteger.ONE.shiftLeft(256).toString()
                                    : e.getValue())))),
        Arguments.of(
            "bid trc10 price over int64",
            Bencoder.encode(with(BID, "price", "9223372036854775808"))),
        Arguments.of("bid channel 31 bytes", Bencoder.encode(with(BID, "channel", new byte[31]))),
        Arguments.of("bid channel 33 bytes", Bencoder.encode(with(BID, "channel", new byte[33]))),
        Arguments.of("bid missing budget", Bencoder.encode(with(BID, "budget", null))),
        Arguments.of("bid_ack paid 2", Bencoder.encode(with(ACK, "paid", 2))),
        Arguments.of("bid_ack credit negative", Bencoder.encode(with(ACK, "credit", -1))),
        Arguments.of("bid_ack price with a sign", Bencoder.encode(with(ACK, "price", "+7"))),
        Arguments.of(
            "bid_ack price 79 digits", Bencoder.encode(with(ACK, "price", "1".repeat(79)))),
        Arguments.of("voucher sig 64 bytes", Bencoder.encode(with(VOUCHER, "sig", new byte[64]))),
        Arguments.of("voucher sig v 29", Bencoder.encode(with(VOUCHER, "sig", badV))),
        Arguments.of("voucher sig high s", Bencoder.encode(with(VOUCHER, "sig", highS))),
        Arguments.of("voucher piece negative", Bencoder.encode(with(VOUCHER, "piece", -1))),
        Arguments.of("voucher missing cum", Bencoder.encode(with(VOUCHER, "cum", null))),
        Arguments.of("receipt cum not decimal", Bencoder.encode(with(RECEIPT, "cum", "1e3"))),
        Arguments.of("receipt cum unicode digit", Bencoder.encode(with(RECEIPT, "cum", "١"))),
        Arguments.of("reject unknown code", Bencoder.encode(with(REJECT, "code", "nope"))),
        Arguments.of(
            "reject reason over 200 bytes",
            Bencoder.encode(with(REJECT, "reason", "r".repeat(201)))),
        Arguments.of(
            "reject reason not UTF-8",
            Bencoder.encode(with(REJECT, "reason", new byte[] {(byte) 0xC3}))),
        Arguments.of("reject missing re", Bencoder.encode(with(REJECT, "re", null))));
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  void malformedPayloadIsAProtocolViolation(String why, byte[] payload) {
    assertThrows(ProtocolViolation.class, () -> SpeedCodec.decode(payload), why);
  }

  @Test
  void theWellFormedBasesOfTheMalformedTableDecode() throws Exception {
    for (Map<String, Object> m : List.of(HELLO, BID, ACK, VOUCHER, RECEIPT, REJECT)) {
      SpeedCodec.decode(Bencoder.encode(m));
    }
    SpeedCodec.decode(raw("d6:crediti0e4:paidi1e5:price1:71:t7:bid_acke"));
  }
}
