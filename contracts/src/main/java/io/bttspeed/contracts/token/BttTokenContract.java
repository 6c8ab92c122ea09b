package io.bttspeed.contracts.token;

import static io.bttspeed.contracts.abi.AbiCodec.address;
import static io.bttspeed.contracts.abi.AbiCodec.uint256;

import io.bttspeed.contracts.ContractArtifact;
import io.bttspeed.contracts.ContractArtifacts;
import io.bttspeed.contracts.EvmAddress;
import io.bttspeed.contracts.abi.AbiCodec;
import io.bttspeed.contracts.abi.CallData;
import io.bttspeed.contracts.abi.EventLog;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;

/**
 * Call data and decoders for {@code BttToken.sol}, the devnet's TRC-20 BTT. The calls other than
 * {@link #mint} and {@link #owner} are plain TRC-20, so they work on mainnet BTT too.
 */
public final class BttTokenContract {
  /** BTT's TRC-20 precision: 1 BTT = 10^18 base units. */
  public static final int DECIMALS = 18;

  public static final byte[] TRANSFER_TOPIC =
      AbiCodec.eventTopic("Transfer(address,address,uint256)");
  public static final byte[] APPROVAL_TOPIC =
      AbiCodec.eventTopic("Approval(address,address,uint256)");

  private BttTokenContract() {}

  public static ContractArtifact artifact() {
    return ContractArtifacts.bttToken();
  }

  /** ABI-encoded {@code constructor(uint256 initialSupply)}; the supply goes to the deployer. */
  public static byte[] constructorArguments(BigInteger initialSupply) {
    return AbiCodec.encode(uint256(initialSupply));
  }

  /** Creation bytecode plus constructor arguments: the whole CreateSmartContract payload. */
  public static byte[] deployData(BigInteger initialSupply) {
    return artifact().deployData(constructorArguments(initialSupply));
  }

  public static CallData transfer(EvmAddress to, BigInteger amount) {
    return AbiCodec.call("transfer", address(to), uint256(amount));
  }

  public static CallData approve(EvmAddress spender, BigInteger amount) {
    return AbiCodec.call("approve", address(spender), uint256(amount));
  }

  public static CallData transferFrom(EvmAddress from, EvmAddress to, BigInteger amount) {
    return AbiCodec.call("transferFrom", address(from), address(to), uint256(amount));
  }

  /** Owner only: creates {@code amount} for {@code to} (the devnet's genesis funding). */
  public static CallData mint(EvmAddress to, BigInteger amount) {
    return AbiCodec.call("mint", address(to), uint256(amount));
  }

  public static CallData balanceOf(EvmAddress owner) {
    return AbiCodec.call("balanceOf", address(owner));
  }

  public static CallData allowance(EvmAddress owner, EvmAddress spender) {
    return AbiCodec.call("allowance", address(owner), address(spender));
  }

  public static CallData totalSupply() {
    return AbiCodec.call("totalSupply");
  }

  public static CallData name() {
    return AbiCodec.call("name");
  }

  public static CallData symbol() {
    return AbiCodec.call("symbol");
  }

  public static CallData decimals() {
    return AbiCodec.call("decimals");
  }

  public static CallData owner() {
    return AbiCodec.call("owner");
  }

  /** The result of transfer, approve, transferFrom and mint. */
  public static boolean decodeBool(byte[] result) {
    return (Boolean)
        AbiCodec.decode(result, List.of(new TypeReference<Bool>() {})).get(0).getValue();
  }

  /** The result of balanceOf, allowance and totalSupply, in base units. */
  public static BigInteger decodeAmount(byte[] result) {
    return AbiCodec.uint(AbiCodec.decode(result, List.of(new TypeReference<Uint256>() {})).get(0));
  }

  /** The result of name and symbol. */
  public static String decodeString(byte[] result) {
    return (String)
        AbiCodec.decode(result, List.of(new TypeReference<Utf8String>() {})).get(0).getValue();
  }

  public static int decodeDecimals(byte[] result) {
    return AbiCodec.uint(AbiCodec.decode(result, List.of(new TypeReference<Uint8>() {})).get(0))
        .intValueExact();
  }

  /** The result of owner. */
  public static EvmAddress decodeAddress(byte[] result) {
    return AbiCodec.evmAddress(
        AbiCodec.decode(result, List.of(new TypeReference<Address>() {})).get(0));
  }

  /** The token event in {@code log}, or empty when the log is some other event. */
  public static Optional<TokenEvent> decodeEvent(EventLog log) {
    if (AbiCodec.isEvent(log, TRANSFER_TOPIC)) {
      return Optional.of(
          new TokenEvent.Transfer(
              AbiCodec.topicAddress(log, 1), AbiCodec.topicAddress(log, 2), value(log)));
    }
    if (AbiCodec.isEvent(log, APPROVAL_TOPIC)) {
      return Optional.of(
          new TokenEvent.Approval(
              AbiCodec.topicAddress(log, 1), AbiCodec.topicAddress(log, 2), value(log)));
    }
    return Optional.empty();
  }

  private static BigInteger value(EventLog log) {
    return decodeAmount(log.data());
  }
}
