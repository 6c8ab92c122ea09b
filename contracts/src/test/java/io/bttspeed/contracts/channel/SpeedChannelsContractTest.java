package io.bttspeed.contracts.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bttspeed.contracts.AbiSignatures;
import io.bttspeed.contracts.EvmAddress;
import io.bttspeed.contracts.abi.AbiCodec;
import io.bttspeed.contracts.abi.CallData;
import io.bttspeed.contracts.abi.EventLog;
import io.bttspeed.tron.id.ChannelId;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.Bool;
import org.web3j.crypto.Hash;

class SpeedChannelsContractTest {
  static final EvmAddress PAYER = EvmAddress.fromHex("0x" + "a1".repeat(20));
  static final EvmAddress PAYEE = EvmAddress.fromHex("0x" + "b0".repeat(20));
  static final EvmAddress TOKEN = EvmAddress.fromHex("0x" + "70".repeat(20));
  static final ChannelId ID = ChannelId.fromHex("0x" + "c4".repeat(32));
  static final Instant EXPIRY = Instant.ofEpochSecond(1_900_000_000L);
  static final BigInteger DEPOSIT = new BigInteger("5000000000000000000000");
  static final byte[] SIGNATURE = new byte[65];

  @Test
  void everyCallCarriesTheSelectorOfAFunctionInTheAbi() {
    Map<String, CallData> calls =
        Map.ofEntries(
            Map.entry(
                "open(address,address,uint256,uint256)",
                SpeedChannelsContract.open(PAYEE, TOKEN, DEPOSIT, EXPIRY)),
            Map.entry("topUp(bytes32,uint256)", SpeedChannelsContract.topUp(ID, DEPOSIT)),
            Map.entry("extend(bytes32,uint256)", SpeedChannelsContract.extend(ID, EXPIRY)),
            Map.entry(
                "settle(bytes32,uint256,bytes)",
                SpeedChannelsContract.settle(ID, DEPOSIT, SIGNATURE)),
            Map.entry(
                "close(bytes32,uint256,bytes)",
                SpeedChannelsContract.close(ID, DEPOSIT, SIGNATURE)),
            Map.entry("reclaim(bytes32)", SpeedChannelsContract.reclaim(ID)),
            Map.entry("channels(bytes32)", SpeedChannelsContract.channels(ID)),
            Map.entry("nonces(address)", SpeedChannelsContract.nonces(PAYER)),
            Map.entry("domainSeparator()", SpeedChannelsContract.domainSeparator()),
            Map.entry(
                "voucherDigest(bytes32,uint256)",
                SpeedChannelsContract.voucherDigest(ID, DEPOSIT)));

    assertEquals(AbiSignatures.functions(SpeedChannelsContract.artifact()), calls.keySet());
    calls.forEach((signature, call) -> assertSelector(signature, call));
  }

  @Test
  void eventTopicsCoverEveryAbiEvent() {
    assertEquals(
        AbiSignatures.events(SpeedChannelsContract.artifact()),
        java.util.Set.of(
            "ChannelOpened(bytes32,address,address,address,uint256,uint256)",
            "ChannelToppedUp(bytes32,uint256,uint256)",
            "ChannelExtended(bytes32,uint256)",
            "ChannelSettled(bytes32,uint256,uint256)",
            "ChannelClosed(bytes32,uint256,uint256,uint256)",
            "ChannelReclaimed(bytes32,uint256)"));
    assertArrayEquals(
        Hash.sha3("ChannelOpened(bytes32,address,address,address,uint256,uint256)".getBytes()),
        SpeedChannelsContract.OPENED_TOPIC);
  }

  @Test
  void settleEncodesTheSignatureAsDynamicBytes() {
    byte[] signature = new byte[65];
    Arrays.fill(signature, (byte) 0x5a);

    String hex = SpeedChannelsContract.settle(ID, BigInteger.TEN, signature).hex();

    String expected =
        "93deddf2"
            + ID.hex()
            + String.format("%064x", 10)
            + String.format("%064x", 0x60)
            + String.format("%064x", 65)
            + "5a".repeat(65)
            + "00".repeat(31);
    assertEquals(expected, hex);
  }

  @Test
  void expiryIsEncodedInWholeSeconds() {
    String hex = SpeedChannelsContract.extend(ID, EXPIRY.plusMillis(999)).hex();

    assertEquals(String.format("%064x", EXPIRY.getEpochSecond()), hex.substring(8 + 64));
  }

  @Test
  void channelIdIsKeccakOfPayerPayeeTokenAndNonce() {
    ByteArrayOutputStream encoded = new ByteArrayOutputStream();
    encoded.writeBytes(word(PAYER.bytes()));
    encoded.writeBytes(word(PAYEE.bytes()));
    encoded.writeBytes(word(TOKEN.bytes()));
    encoded.writeBytes(word(new byte[] {7}));

    ChannelId id = SpeedChannelsContract.channelIdOf(PAYER, PAYEE, TOKEN, BigInteger.valueOf(7));

    assertEquals(ChannelId.of(Hash.sha3(encoded.toByteArray())), id);
  }

  @Test
  void channelStateDecodesFromTheViewResult() {
    byte[] result =
        AbiCodec.encode(
            AbiCodec.address(PAYER),
            AbiCodec.address(PAYEE),
            AbiCodec.address(TOKEN),
            AbiCodec.uint256(DEPOSIT),
            AbiCodec.uint256(BigInteger.TWO),
            AbiCodec.uint256(EXPIRY.getEpochSecond()),
            new Bool(true));

    ChannelState state = SpeedChannelsContract.decodeChannel(result);

    assertEquals(
        new ChannelState(
            PAYER, PAYEE, new ChannelAsset.Trc20(TOKEN), DEPOSIT, BigInteger.TWO, EXPIRY, true),
        state);
    assertEquals(DEPOSIT.subtract(BigInteger.TWO), state.remaining());
  }

  @Test
  void unknownChannelDecodesAsNotExisting() {
    ChannelState state = SpeedChannelsContract.decodeChannel(new byte[7 * 32]);

    assertFalse(state.exists());
  }

  @Test
  void openReturnDecodesAsChannelId() {
    assertEquals(ID, SpeedChannelsContract.decodeChannelId(ID.bytes()));
  }

  @Test
  void everyEventDecodesFromTopicsAndData() {
    EventLog opened =
        log(
            List.of(
                SpeedChannelsContract.OPENED_TOPIC,
                ID.bytes(),
                word(PAYER.bytes()),
                word(PAYEE.bytes())),
            AbiCodec.encode(
                AbiCodec.address(TOKEN),
                AbiCodec.uint256(DEPOSIT),
                AbiCodec.uint256(EXPIRY.getEpochSecond())));

    assertEquals(
        new ChannelEvent.Opened(ID, PAYER, PAYEE, new ChannelAsset.Trc20(TOKEN), DEPOSIT, EXPIRY),
        SpeedChannelsContract.decodeEvent(opened).orElseThrow());
    assertCommonEventsDecode(SpeedChannelsContract::decodeEvent);
  }

  @Test
  void truncatedEventDataIsAnError() {
    EventLog truncated =
        log(
            List.of(Hash.sha3("ChannelSettled(bytes32,uint256,uint256)".getBytes()), ID.bytes()),
            new byte[32]);

    assertThrows(
        io.bttspeed.contracts.abi.ContractDataException.class,
        () -> SpeedChannelsContract.decodeEvent(truncated));
  }

  static void assertCommonEventsDecode(
      java.util.function.Function<EventLog, java.util.Optional<ChannelEvent>> decoder) {
    BigInteger a = BigInteger.valueOf(11);
    BigInteger b = BigInteger.valueOf(22);
    BigInteger c = BigInteger.valueOf(33);
    assertEquals(
        new ChannelEvent.ToppedUp(ID, a, b),
        decoder.apply(common("ChannelToppedUp(bytes32,uint256,uint256)", a, b)).orElseThrow());
    assertEquals(
        new ChannelEvent.Extended(ID, EXPIRY),
        decoder
            .apply(
                common(
                    "ChannelExtended(bytes32,uint256)",
                    BigInteger.valueOf(EXPIRY.getEpochSecond())))
            .orElseThrow());
    assertEquals(
        new ChannelEvent.Settled(ID, a, b),
        decoder.apply(common("ChannelSettled(bytes32,uint256,uint256)", a, b)).orElseThrow());
    assertEquals(
        new ChannelEvent.Closed(ID, a, b, c),
        decoder
            .apply(common("ChannelClosed(bytes32,uint256,uint256,uint256)", a, b, c))
            .orElseThrow());
    assertEquals(
        new ChannelEvent.Reclaimed(ID, a),
        decoder.apply(common("ChannelReclaimed(bytes32,uint256)", a)).orElseThrow());
  }

  private static EventLog common(String signature, BigInteger... values) {
    return log(
        List.of(Hash.sha3(signature.getBytes()), ID.bytes()),
        AbiCodec.encode(
            Arrays.stream(values)
                .map(AbiCodec::uint256)
                .toArray(org.web3j.abi.datatypes.Type[]::new)));
  }

  static EventLog log(List<byte[]> topics, byte[] data) {
    return new EventLog(TOKEN, topics, data);
  }

  static byte[] word(byte[] value) {
    byte[] word = new byte[32];
    System.arraycopy(value, 0, word, 32 - value.length, value.length);
    return word;
  }

  static void assertSelector(String signature, CallData call) {
    assertArrayEquals(
        Arrays.copyOf(Hash.sha3(signature.getBytes()), 4),
        call.selector(),
        signature + " selector " + HexFormat.of().formatHex(call.selector()));
  }
}
