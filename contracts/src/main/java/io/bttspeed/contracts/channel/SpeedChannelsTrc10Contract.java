package io.bttspeed.contracts.channel;

import static io.bttspeed.contracts.abi.AbiCodec.address;
import static io.bttspeed.contracts.abi.AbiCodec.uint256;

import io.bttspeed.contracts.ContractArtifact;
import io.bttspeed.contracts.ContractArtifacts;
import io.bttspeed.contracts.EvmAddress;
import io.bttspeed.contracts.abi.AbiCodec;
import io.bttspeed.contracts.abi.CallData;
import io.bttspeed.contracts.abi.ContractDataException;
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
 * Call data and decoders for {@code SpeedChannelsTrc10.yul}, the channels in TRC-10 BTT. The
 * deposit of {@link #open} and {@link #topUp} is not in the call data: it travels as the
 * TriggerSmartContract's {@code call_token_value} with {@code token_id} {@link #TOKEN_ID}; every
 * other call must carry no value. The constructor takes no arguments.
 */
public final class SpeedChannelsTrc10Contract {
  /** The only TRC-10 token the contract accepts: BTT (BTTOLD), precision 6. */
  public static final long TOKEN_ID = 1_002_000L;

  public static final ChannelAsset.Trc10 ASSET = new ChannelAsset.Trc10(TOKEN_ID);

  public static final byte[] OPENED_TOPIC =
      AbiCodec.eventTopic("ChannelOpened(bytes32,address,address,uint256,uint256,uint256)");

  private SpeedChannelsTrc10Contract() {}

  public static ContractArtifact artifact() {
    return ContractArtifacts.speedChannelsTrc10();
  }

  /** The CreateSmartContract payload: the constructor takes no arguments. */
  public static byte[] deployData() {
    return artifact().creationBytecode();
  }

  /**
   * {@code open(payee, expiresAt)}, sent with the deposit as call_token_value of token {@link
   * #TOKEN_ID}.
   */
  public static CallData open(EvmAddress payee, Instant expiresAt) {
    return AbiCodec.call("open", address(payee), ChannelCodec.seconds(expiresAt));
  }

  /** Payer only; sent with the added amount as call_token_value of token {@link #TOKEN_ID}. */
  public static CallData topUp(ChannelId channelId) {
    return AbiCodec.call("topUp", ChannelCodec.id(channelId));
  }

  public static CallData extend(ChannelId channelId, Instant newExpiresAt) {
    return ChannelCodec.extend(channelId, newExpiresAt);
  }

  public static CallData settle(
      ChannelId channelId, BigInteger cumulativeAmount, byte[] signature) {
    return ChannelCodec.redeem("settle", channelId, cumulativeAmount, signature);
  }

  public static CallData close(ChannelId channelId, BigInteger cumulativeAmount, byte[] signature) {
    return ChannelCodec.redeem("close", channelId, cumulativeAmount, signature);
  }

  public static CallData reclaim(ChannelId channelId) {
    return ChannelCodec.reclaim(channelId);
  }

  public static CallData channels(ChannelId channelId) {
    return ChannelCodec.channels(channelId);
  }

  public static CallData nonces(EvmAddress payer) {
    return AbiCodec.call("nonces", address(payer));
  }

  public static CallData tokenId() {
    return AbiCodec.call("tokenId");
  }

  public static CallData domainSeparator() {
    return AbiCodec.call("domainSeparator");
  }

  public static CallData voucherDigest(ChannelId channelId, BigInteger cumulativeAmount) {
    return ChannelCodec.voucherDigest(channelId, cumulativeAmount);
  }

  /** keccak256(abi.encode(payer, payee, uint256 1002000, nonce)): the id open will return. */
  public static ChannelId channelIdOf(EvmAddress payer, EvmAddress payee, BigInteger nonce) {
    return ChannelId.of(
        AbiCodec.keccak(
            AbiCodec.encode(address(payer), address(payee), uint256(TOKEN_ID), uint256(nonce))));
  }

  public static ChannelId decodeChannelId(byte[] result) {
    return ChannelCodec.decodeChannelId(result);
  }

  /** The result of nonces and tokenId. */
  public static BigInteger decodeUint(byte[] result) {
    return ChannelCodec.decodeUint(result);
  }

  public static byte[] decodeBytes32(byte[] result) {
    return ChannelCodec.decodeBytes32(result);
  }

  /** The result of channels(id): (payer, payee, deposit, paidOut, expiresAt, closed). */
  public static ChannelState decodeChannel(byte[] result) {
    @SuppressWarnings("rawtypes")
    List<Type> values =
        AbiCodec.decode(
            result,
            List.of(
                new TypeReference<Address>() {},
                new TypeReference<Address>() {},
                new TypeReference<Uint256>() {},
                new TypeReference<Uint256>() {},
                new TypeReference<Uint256>() {},
                new TypeReference<Bool>() {}));
    return new ChannelState(
        AbiCodec.evmAddress(values.get(0)),
        AbiCodec.evmAddress(values.get(1)),
        ASSET,
        ChannelCodec.uintAt(values, 2),
        ChannelCodec.uintAt(values, 3),
        ChannelCodec.instant(ChannelCodec.uintAt(values, 4)),
        (Boolean) values.get(5).getValue());
  }

  public static Optional<ChannelEvent> decodeEvent(EventLog log) {
    if (AbiCodec.isEvent(log, OPENED_TOPIC)) {
      @SuppressWarnings("rawtypes")
      List<Type> data = ChannelCodec.uints(log, 3);
      return Optional.of(
          new ChannelEvent.Opened(
              ChannelCodec.channelId(log),
              AbiCodec.topicAddress(log, 2),
              AbiCodec.topicAddress(log, 3),
              asset(ChannelCodec.longValue(ChannelCodec.uintAt(data, 0))),
              ChannelCodec.uintAt(data, 1),
              ChannelCodec.instant(ChannelCodec.uintAt(data, 2))));
    }
    return ChannelCodec.decodeCommonEvent(log);
  }

  private static ChannelAsset.Trc10 asset(long tokenId) {
    if (tokenId != TOKEN_ID) {
      throw new ContractDataException("ChannelOpened with token id " + tokenId);
    }
    return ASSET;
  }
}
