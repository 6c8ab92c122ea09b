package io.bttspeed.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.bttspeed.bridge.bencode.BencodeWriter;
import io.bttspeed.bridge.protocol.ProtocolViolation;
import io.bttspeed.bridge.protocol.SpeedCodec;
import io.bttspeed.tron.address.TronAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The {@code bt_speed} decoder under hostile payloads (DESIGN §5: anything malformed ends the speed
 * session and nothing else): for arbitrary and mutated messages it answers a message or a {@link
 * ProtocolViolation}, never another exception, a hang or an unbounded allocation; every valid
 * message re-encodes to its own bytes.
 */
class SpeedMessageFuzzTest {
  private static final byte[] ADDRESS =
      TronAddress.parse("TAFjULxiVgT4qWk6UZwjqwZXTSaGaqnVp4").toByteArray();
  private static final byte[] CHANNEL = filled(32, 7);
  private static final byte[] SIG = signature();

  /** One of each message type, canonical bencode (sorted keys), as DESIGN §5's table fixes them. */
  private static final List<byte[]> VALID =
      List.of(
          encode(
              Map.of(
                  "t",
                  "hello",
                  "v",
                  1L,
                  "addr",
                  ADDRESS,
                  "chain",
                  150615991L,
                  "hubs",
                  List.of(Map.of("asset", "trc10:1002000", "hub", ADDRESS)),
                  "ask",
                  Map.of("trc10:1002000", "5"))),
          encode(
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
                  "1000000")),
          encode(Map.of("t", "bid_ack", "price", "7", "paid", 1L, "credit", 65536L)),
          encode(
              Map.of(
                  "t",
                  "voucher",
                  "channel",
                  CHANNEL,
                  "cum",
                  "1000000000000000000",
                  "sig",
                  SIG,
                  "piece",
                  3L)),
          encode(Map.of("t", "receipt", "channel", CHANNEL, "cum", "12")),
          encode(Map.of("t", "reject", "re", "bid", "code", "low_price", "reason", "x")));

  @Property
  void validMessagesReencodeToTheirOwnBytes(@ForAll @IntRange(min = 0, max = 5) int which)
      throws Exception {
    byte[] payload = VALID.get(which);
    assertArrayEquals(payload, SpeedCodec.encode(SpeedCodec.decode(payload)));
  }

  @Property
  void arbitraryBytesAreAMessageOrAViolation(@ForAll @Size(max = 1100) byte[] payload) {
    decodeOrViolation(payload);
  }

  @Property
  void mutatedMessagesAreAMessageOrAViolation(
      @ForAll @IntRange(min = 0, max = 5) int which,
      @ForAll("mutations") List<Mutation> mutations) {
    byte[] payload = VALID.get(which);
    for (Mutation m : mutations) {
      payload = m.apply(payload);
    }
    decodeOrViolation(payload);
  }

  private static void decodeOrViolation(byte[] payload) {
    try {
      SpeedCodec.decode(payload);
    } catch (ProtocolViolation expected) {
      // the documented refusal: the speed session ends
    }
  }

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    Arbitrary<Mutation> one =
        Arbitraries.oneOf(
            Arbitraries.integers()
                .between(0, Integer.MAX_VALUE)
                .flatMap(
                    at ->
                        Arbitraries.bytes()
                            .map(
                                b ->
                                    (Mutation)
                                        in -> {
                                          byte[] out = in.clone();
                                          out[at % out.length] = b;
                                          return out;
                                        })),
            Arbitraries.integers()
                .between(1, Integer.MAX_VALUE)
                .map(at -> (Mutation) in -> Arrays.copyOf(in, Math.max(1, at % in.length))),
            Arbitraries.integers()
                .between(0, Integer.MAX_VALUE)
                .flatMap(
                    at ->
                        Arbitraries.of(
                                "i-0e",
                                "i01e",
                                "i99999999999999999999e",
                                "d",
                                "l",
                                "e",
                                "0:",
                                "4294967296:",
                                "3:cum",
                                "1:t5:hello",
                                "78:" + "9".repeat(78),
                                "le",
                                "de")
                            .map(
                                text ->
                                    (Mutation)
                                        in -> {
                                          byte[] add = text.getBytes(StandardCharsets.US_ASCII);
                                          int pos = at % (in.length + 1);
                                          byte[] out = new byte[in.length + add.length];
                                          System.arraycopy(in, 0, out, 0, pos);
                                          System.arraycopy(add, 0, out, pos, add.length);
                                          System.arraycopy(
                                              in, pos, out, pos + add.length, in.length - pos);
                                          return out;
                                        })));
    return one.list().ofMinSize(1).ofMaxSize(4);
  }

  /** One change to the bytes of a valid message. */
  @FunctionalInterface
  interface Mutation {
    byte[] apply(byte[] in);
  }

  /** r ‖ s ‖ v with v = 27, the form the spec's voucher carries. */
  private static byte[] signature() {
    byte[] sig = filled(65, 9);
    sig[64] = 27;
    return sig;
  }

  private static byte[] filled(int n, int value) {
    byte[] b = new byte[n];
    Arrays.fill(b, (byte) value);
    return b;
  }

  /** Canonical bencode of test data: keys sorted as raw bytes, strings as UTF-8. */
  private static byte[] encode(Object value) {
    return BencodeWriter.encode(value);
  }
}
