package io.bttspeed.contracts.channel;

import static io.bttspeed.contracts.abi.AbiCodec.address;
import static io.bttspeed.contracts.abi.AbiCodec.uint256;

import io.bttspeed.contracts.ContractArtifact;
import io.bttspeed.contracts.ContractArtifacts;
import io.bttspeed.contracts.EvmAddress;
import io.bttspeed.contracts.abi.AbiCodec;
import io.bttspeed.contracts.abi.CallData;
import io.bttspeed.contracts.abi.EventLog;
import io.bttspeed.tron.id.ChannelId;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * Call data and decoders for {@code SpeedChannels.sol}, the TRC-20 payment channels. The
 * constructor takes no arguments: deploy {@link #artifact()}'s creation bytecode as it is.
 * Signatures are passed through as given (the contract rejects malformed ones), so tests can send
 * bad ones on purpose.
 */
public final class SpeedChannelsContract {
  public static final byte[] OPENED_TOPIC =
      AbiCodec.eventTopic("ChannelOpened(bytes32,address,address,address,uint256,uint256)");

  private SpeedChannelsContract() {}

  public static ContractArtifact artifact() {
    return ContractArtifacts.speedChannels();
  }

  /** The CreateSmartContract payload: the constructor takes no arguments. */
  public static byte[] deployData() {
    return artifact().creationBytecode();
  }

  /**
   * {@code open(payee, token, deposit, expiresAt)}: the payer must have approved this contract for
   * {@code deposit} on {@code token} first. Returns the channel id ({@link #decodeChannelId}).
   */
  public static CallData open(
      EvmAddress payee, EvmAddress token, BigInteger deposit, Instant expiresAt) {
    return AbiCodec.call(
        "open", address(payee), address(token), uint256(deposit), ChannelCodec.seconds(expiresAt));
  }

  /** Payer only; pulls {@code amount} more with transferFrom. */
  public static CallData topUp(ChannelId channelId, BigInteger amount) {
    return AbiCodec.call("topUp", ChannelCodec.id(channelId), uint256(amount));
  }

  /** Payer only; {@code newExpiresAt} must be later than the current expiry. */
  public static CallData extend(ChannelId channelId, Instant newExpiresAt) {
    return ChannelCodec.extend(channelId, newExpiresAt);
  }

  /**
   * Payee only; pays {@code cumulativeAmount - paidOut} against the payer's 65-byte voucher
   * signature.
   */
  public static CallData settle(
      ChannelId channelId, BigInteger cumulativeAmount, byte[] signature) {
    return ChannelCodec.redeem("settle", channelId, cumulativeAmount, signature);
  }

  /** Payee only; settles and refunds the rest to the payer. */
  public static CallData close(ChannelId channelId, BigInteger cumulativeAmount, byte[] signature) {
    return ChannelCodec.redeem("close", channelId, cumulativeAmount, signature);
  }

  /** Payer only, after expiry. */
  public static CallData reclaim(ChannelId channelId) {
    return ChannelCodec.reclaim(channelId);
  }

  public static CallData channels(ChannelId channelId) {
    return ChannelCodec.channels(channelId);
  }

  public static CallData nonces(EvmAddress payer) {
    return AbiCodec.call("nonces", address(payer));
  }

  public static CallData domainSeparator() {
    return AbiCodec.call("domainSeparator");
  }

  public static CallData voucherDigest(ChannelId channelId, BigInteger cumulativeAmount) {
    return ChannelCodec.voucherDigest(channelId, cumulativeAmount);
  }

  /**
   * The id {@code open} will return for the payer's {@code nonce}-th channel (nonce = {@code
   * nonces(payer)} before the call): keccak256(abi.encode(payer, payee, token, nonce)).
   */
  public static ChannelId channelIdOf(
      EvmAddress payer, EvmAddress payee, EvmAddress token, BigInteger nonce) {
    return ChannelId.of(
        AbiCodec.keccak(
            AbiCodec.encode(address(payer), address(payee), address(token), uint256(nonce))));
  }

  /** The result of open. */
  public static ChannelId decodeChannelId(byte[] result) {
    return ChannelCodec.decodeChannelId(result);
  }

  /** The result of nonces. */
  public static BigInteger decodeNonce(byte[] result) {
    return ChannelCodec.decodeUint(result);
  }

  /** The result of domainSeparator and voucherDigest. */
  public static byte[] decodeBytes32(byte[] result) {
    return ChannelCodec.decodeBytes32(result);
  }

  /** The result of channels(id). */
  public static ChannelState decodeChannel(byte[] result) {
    @SuppressWarnings("rawtypes")
    List<Type> values =
        AbiCodec.decode(
            result,
            List.of(
                new TypeReference<Address>() {},
                new TypeReference<Address>() {},
                new TypeReference<Address>() {},
                new TypeReference<Uint256>() {},
                new TypeReference<Uint256>() {},
                new TypeReference<Uint256>() {},
                new TypeReference<Bool>() {}));
    return new ChannelState(
        AbiCodec.evmAddress(values.get(0)),
        AbiCodec.evmAddress(values.get(1)),
        new ChannelAsset.Trc20(AbiCodec.evmAddress(values.get(2))),
        ChannelCodec.uintAt(values, 3),
        ChannelCodec.uintAt(values, 4),
        ChannelCodec.instant(ChannelCodec.uintAt(values, 5)),
        (Boolean) values.get(6).getValue());
  }

  /** The channel event in {@code log}, or empty when the log is some other event. */
  public static Optional<ChannelEvent> decodeEvent(EventLog log) {
    if (AbiCodec.isEvent(log, OPENED_TOPIC)) {
      @SuppressWarnings("rawtypes")
      List<Type> data =
          AbiCodec.decode(
              log.data(),
              List.of(
                  new TypeReference<Address>() {},
                  new TypeReference<Uint256>() {},
                  new TypeReference<Uint256>() {}));
      return Optional.of(
          new ChannelEvent.Opened(
              ChannelCodec.channelId(log),
              AbiCodec.topicAddress(log, 2),
              AbiCodec.topicAddress(log, 3),
              new ChannelAsset.Trc20(AbiCodec.evmAddress(data.get(0))),
              ChannelCodec.uintAt(data, 1),
              ChannelCodec.instant(ChannelCodec.uintAt(data, 2))));
    }
    return ChannelCodec.decodeCommonEvent(log);
  }
}
