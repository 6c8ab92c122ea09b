package io.bttspeed.contracts.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bttspeed.contracts.AbiSignatures;
import io.bttspeed.contracts.EvmAddress;
import io.bttspeed.contracts.abi.AbiCodec;
import io.bttspeed.contracts.abi.CallData;
import io.bttspeed.contracts.abi.ContractDataException;
import io.bttspeed.contracts.abi.EventLog;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.crypto.Hash;

class BttTokenContractTest {
  private static final EvmAddress ALICE = EvmAddress.fromHex("0x" + "a1".repeat(20));
  private static final EvmAddress BOB = EvmAddress.fromHex("0x" + "b0".repeat(20));
  private static final BigInteger ONE_BTT = BigInteger.TEN.pow(18);

  @Test
  void everyCallCarriesTheSelectorOfAFunctionInTheAbi() {
    Map<String, CallData> calls =
        Map.ofEntries(
            Map.entry("transfer(address,uint256)", BttTokenContract.transfer(BOB, ONE_BTT)),
            Map.entry("approve(address,uint256)", BttTokenContract.approve(BOB, ONE_BTT)),
            Map.entry(
                "transferFrom(address,address,uint256)",
                BttTokenContract.transferFrom(ALICE, BOB, ONE_BTT)),
            Map.entry("mint(address,uint256)", BttTokenContract.mint(BOB, ONE_BTT)),
            Map.entry("balanceOf(address)", BttTokenContract.balanceOf(ALICE)),
            Map.entry("allowance(address,address)", BttTokenContract.allowance(ALICE, BOB)),
            Map.entry("totalSupply()", BttTokenContract.totalSupply()),
            Map.entry("name()", BttTokenContract.name()),
            Map.entry("symbol()", BttTokenContract.symbol()),
            Map.entry("decimals()", BttTokenContract.decimals()),
            Map.entry("owner()", BttTokenContract.owner()));

    Set<String> abi = AbiSignatures.functions(BttTokenContract.artifact());
    assertEquals(abi, calls.keySet(), "a binding for every function, and no other");
    calls.forEach(
        (signature, call) ->
            assertArrayEquals(
                Arrays.copyOf(Hash.sha3(signature.getBytes()), 4), call.selector(), signature));
  }

  @Test
  void eventTopicsAreTheAbiEventSignatures() {
    assertEquals(
        Set.of("Transfer(address,address,uint256)", "Approval(address,address,uint256)"),
        AbiSignatures.events(BttTokenContract.artifact()));
    assertArrayEquals(
        Hash.sha3("Transfer(address,address,uint256)".getBytes()), BttTokenContract.TRANSFER_TOPIC);
    assertArrayEquals(
        Hash.sha3("Approval(address,address,uint256)".getBytes()), BttTokenContract.APPROVAL_TOPIC);
  }

  @Test
  void transferEncodesRecipientAndAmountAsWords() {
    String hex = BttTokenContract.transfer(BOB, ONE_BTT).hex();

    assertEquals(
        "a9059cbb" + "000000000000000000000000" + BOB.hex() + String.format("%064x", ONE_BTT), hex);
  }

  @Test
  void amountsOutsideUint256AreRejectedBeforeEncoding() {
    assertThrows(
        IllegalArgumentException.class,
        () -> BttTokenContract.transfer(BOB, BigInteger.ONE.negate()));
    assertThrows(
        IllegalArgumentException.class,
        () -> BttTokenContract.transfer(BOB, BigInteger.ONE.shiftLeft(256)));
  }

  @Test
  void constructorArgumentsAreTheInitialSupplyWord() {
    BigInteger supply = ONE_BTT.multiply(BigInteger.valueOf(1_000_000));

    byte[] deploy = BttTokenContract.deployData(supply);

    byte[] tail = Arrays.copyOfRange(deploy, deploy.length - 32, deploy.length);
    assertEquals(supply, new BigInteger(1, tail));
    assertEquals(BttTokenContract.artifact().creationBytecode().length + 32, deploy.length);
  }

  @Test
  void returnValuesDecode() {
    assertTrue(BttTokenContract.decodeBool(AbiCodec.encode(new Bool(true))));
    assertEquals(
        ONE_BTT, BttTokenContract.decodeAmount(AbiCodec.encode(AbiCodec.uint256(ONE_BTT))));
    assertEquals(
        "BitTorrent", BttTokenContract.decodeString(AbiCodec.encode(new Utf8String("BitTorrent"))));
    assertEquals(18, BttTokenContract.decodeDecimals(AbiCodec.encode(AbiCodec.uint256(18))));
    assertEquals(ALICE, BttTokenContract.decodeAddress(AbiCodec.encode(AbiCodec.address(ALICE))));
  }

  @Test
  void truncatedReturnDataIsAnError() {
    assertThrows(ContractDataException.class, () -> BttTokenContract.decodeAmount(new byte[31]));
  }

  @Test
  void transferAndApprovalEventsDecodeFromTopicsAndData() {
    byte[] data = AbiCodec.encode(AbiCodec.uint256(ONE_BTT));
    EventLog transfer =
        new EventLog(ALICE, List.of(BttTokenContract.TRANSFER_TOPIC, word(ALICE), word(BOB)), data);
    EventLog approval =
        new EventLog(ALICE, List.of(BttTokenContract.APPROVAL_TOPIC, word(ALICE), word(BOB)), data);

    assertEquals(
        new TokenEvent.Transfer(ALICE, BOB, ONE_BTT),
        BttTokenContract.decodeEvent(transfer).orElseThrow());
    assertEquals(
        new TokenEvent.Approval(ALICE, BOB, ONE_BTT),
        BttTokenContract.decodeEvent(approval).orElseThrow());
  }

  @Test
  void otherEventsAreNotTokenEvents() {
    EventLog other =
        new EventLog(ALICE, List.of(Hash.sha3("Other(uint256)".getBytes())), new byte[32]);

    assertFalse(BttTokenContract.decodeEvent(other).isPresent());
    assertFalse(
        BttTokenContract.decodeEvent(new EventLog(ALICE, List.of(), new byte[0])).isPresent());
  }

  private static byte[] word(EvmAddress address) {
    return HexFormat.of().parseHex("00".repeat(12) + address.hex());
  }
}
