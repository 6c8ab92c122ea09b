package io.bttspeed.contracts.channel;

import static io.bttspeed.contracts.channel.SpeedChannelsContractTest.EXPIRY;
import static io.bttspeed.contracts.channel.SpeedChannelsContractTest.ID;
import static io.bttspeed.contracts.channel.SpeedChannelsContractTest.PAYEE;
import static io.bttspeed.contracts.channel.SpeedChannelsContractTest.PAYER;
import static io.bttspeed.contracts.channel.SpeedChannelsContractTest.SIGNATURE;
import static io.bttspeed.contracts.channel.SpeedChannelsContractTest.assertSelector;
import static io.bttspeed.contracts.channel.SpeedChannelsContractTest.log;
import static io.bttspeed.contracts.channel.SpeedChannelsContractTest.word;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bttspeed.contracts.AbiSignatures;
import io.bttspeed.contracts.abi.AbiCodec;
import io.bttspeed.contracts.abi.CallData;
import io.bttspeed.contracts.abi.EventLog;
import io.bttspeed.tron.id.ChannelId;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.Bool;
import org.web3j.crypto.Hash;

class SpeedChannelsTrc10ContractTest {
  private static final BigInteger DEPOSIT = BigInteger.valueOf(250_000_000L);

  @Test
  void everyCallCarriesTheSelectorOfAFunctionInTheAbi() {
    Map<String, CallData> calls =
        Map.ofEntries(
            Map.entry("open(address,uint256)", SpeedChannelsTrc10Contract.open(PAYEE, EXPIRY)),
            Map.entry("topUp(bytes32)", SpeedChannelsTrc10Contract.topUp(ID)),
            Map.entry("extend(bytes32,uint256)", SpeedChannelsTrc10Contract.extend(ID, EXPIRY)),
            Map.entry(
                "settle(bytes32,uint256,bytes)",
                SpeedChannelsTrc10Contract.settle(ID, DEPOSIT, SIGNATURE)),
            Map.entry(
                "close(bytes32,uint256,bytes)",
                SpeedChannelsTrc10Contract.close(ID, DEPOSIT, SIGNATURE)),
            Map.entry("reclaim(bytes32)", SpeedChannelsTrc10Contract.reclaim(ID)),
            Map.entry("channels(bytes32)", SpeedChannelsTrc10Contract.channels(ID)),
            Map.entry("nonces(address)", SpeedChannelsTrc10Contract.nonces(PAYER)),
            Map.entry("tokenId()", SpeedChannelsTrc10Contract.tokenId()),
            Map.entry("domainSeparator()", SpeedChannelsTrc10Contract.domainSeparator()),
            Map.entry(
                "voucherDigest(bytes32,uint256)",
                SpeedChannelsTrc10Contract.voucherDigest(ID, DEPOSIT)));

    assertEquals(AbiSignatures.functions(SpeedChannelsTrc10Contract.artifact()), calls.keySet());
    calls.forEach((signature, call) -> assertSelector(signature, call));
  }

  @Test
  void eventsAreThoseOfTheTrc20ChannelsWithATokenIdInOpened() {
    Set<String> trc20 = AbiSignatures.events(SpeedChannelsContract.artifact());
    Set<String> trc10 = AbiSignatures.events(SpeedChannelsTrc10Contract.artifact());

    String opened = "ChannelOpened(bytes32,address,address,uint256,uint256,uint256)";
    assertEquals(
        trc20.stream()
            .filter(e -> !e.startsWith("ChannelOpened"))
            .collect(java.util.stream.Collectors.toSet()),
        trc10.stream().filter(e -> !e.equals(opened)).collect(java.util.stream.Collectors.toSet()));
    assertArrayEquals(Hash.sha3(opened.getBytes()), SpeedChannelsTrc10Contract.OPENED_TOPIC);
  }

  @Test
  void channelIdIsKeccakOfPayerPayeeTokenIdAndNonce() {
    ByteArrayOutputStream encoded = new ByteArrayOutputStream();
    encoded.writeBytes(word(PAYER.bytes()));
    encoded.writeBytes(word(PAYEE.bytes()));
    encoded.writeBytes(word(BigInteger.valueOf(1_002_000).toByteArray()));
    encoded.writeBytes(word(new byte[] {0}));

    assertEquals(
        ChannelId.of(Hash.sha3(encoded.toByteArray())),
        SpeedChannelsTrc10Contract.channelIdOf(PAYER, PAYEE, BigInteger.ZERO));
  }

  @Test
  void channelStateDecodesWithTheBttAsset() {
    byte[] result =
        AbiCodec.encode(
            AbiCodec.address(PAYER),
            AbiCodec.address(PAYEE),
            AbiCodec.uint256(DEPOSIT),
            AbiCodec.uint256(BigInteger.ONE),
            AbiCodec.uint256(EXPIRY.getEpochSecond()),
            new Bool(false));

    assertEquals(
        new ChannelState(
            PAYER,
            PAYEE,
            new ChannelAsset.Trc10(1_002_000),
            DEPOSIT,
            BigInteger.ONE,
            EXPIRY,
            false),
        SpeedChannelsTrc10Contract.decodeChannel(result));
  }

  @Test
  void everyEventDecodesFromTopicsAndData() {
    EventLog opened =
        log(
            List.of(
                SpeedChannelsTrc10Contract.OPENED_TOPIC,
                ID.bytes(),
                word(PAYER.bytes()),
                word(PAYEE.bytes())),
            AbiCodec.encode(
                AbiCodec.uint256(1_002_000),
                AbiCodec.uint256(DEPOSIT),
                AbiCodec.uint256(EXPIRY.getEpochSecond())));

    assertEquals(
        new ChannelEvent.Opened(
            ID, PAYER, PAYEE, SpeedChannelsTrc10Contract.ASSET, DEPOSIT, EXPIRY),
        SpeedChannelsTrc10Contract.decodeEvent(opened).orElseThrow());
    SpeedChannelsContractTest.assertCommonEventsDecode(SpeedChannelsTrc10Contract::decodeEvent);
  }
}
