package io.bttspeed.contracts.channel;

import static io.bttspeed.contracts.abi.AbiCodec.bytes32;
import static io.bttspeed.contracts.abi.AbiCodec.uint256;

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
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * What the two channel contracts share: calls without the asset, views, and all events but Opened.
 */
final class ChannelCodec {
  static final byte[] TOPPED_UP_TOPIC =
      AbiCodec.eventTopic("ChannelToppedUp(bytes32,uint256,uint256)");
  static final byte[] EXTENDED_TOPIC = AbiCodec.eventTopic("ChannelExtended(bytes32,uint256)");
  static final byte[] SETTLED_TOPIC =
      AbiCodec.eventTopic("ChannelSettled(bytes32,uint256,uint256)");
  static final byte[] CLOSED_TOPIC =
      AbiCodec.eventTopic("ChannelClosed(bytes32,uint256,uint256,uint256)");
  static final byte[] RECLAIMED_TOPIC = AbiCodec.eventTopic("ChannelReclaimed(bytes32,uint256)");

  private ChannelCodec() {}

  static Bytes32 id(ChannelId channelId) {
    return bytes32(channelId.bytes());
  }

  /** Unix seconds, as the contract compares with TIMESTAMP; sub-second parts are dropped. */
  static Uint256 seconds(Instant instant) {
    if (instant.getEpochSecond() < 0) {
      throw new IllegalArgumentException("expiry before 1970: " + instant);
    }
    return uint256(instant.getEpochSecond());
  }

  static Instant instant(BigInteger seconds) {
    return Instant.ofEpochSecond(longValue(seconds));
  }

  /**
   * A value the contract keeps within 64 bits (expiry, TRC-10 token id); anything wider is not its
   * data.
   */
  static long longValue(BigInteger value) {
    if (value.bitLength() > 63) {
      throw new ContractDataException("value does not fit 63 bits: " + value);
    }
    return value.longValue();
  }

  static CallData extend(ChannelId channelId, Instant newExpiresAt) {
    return AbiCodec.call("extend", id(channelId), seconds(newExpiresAt));
  }

  static CallData redeem(
      String function, ChannelId channelId, BigInteger cumulativeAmount, byte[] signature) {
    return AbiCodec.call(
        function, id(channelId), uint256(cumulativeAmount), new DynamicBytes(signature));
  }

  static CallData reclaim(ChannelId channelId) {
    return AbiCodec.call("reclaim", id(channelId));
  }

  static CallData channels(ChannelId channelId) {
    return AbiCodec.call("channels", id(channelId));
  }

  static CallData voucherDigest(ChannelId channelId, BigInteger cumulativeAmount) {
    return AbiCodec.call("voucherDigest", id(channelId), uint256(cumulativeAmount));
  }

  static ChannelId decodeChannelId(byte[] result) {
    return ChannelId.of(
        AbiCodec.bytes32(AbiCodec.decode(result, List.of(new TypeReference<Bytes32>() {})).get(0)));
  }

  static byte[] decodeBytes32(byte[] result) {
    return AbiCodec.bytes32(
        AbiCodec.decode(result, List.of(new TypeReference<Bytes32>() {})).get(0));
  }

  static BigInteger decodeUint(byte[] result) {
    return AbiCodec.uint(AbiCodec.decode(result, List.of(new TypeReference<Uint256>() {})).get(0));
  }

  static BigInteger uintAt(@SuppressWarnings("rawtypes") List<Type> values, int index) {
    return AbiCodec.uint(values.get(index));
  }

  /** The shared events; Opened differs between the contracts and is decoded by each binding. */
  static Optional<ChannelEvent> decodeCommonEvent(EventLog log) {
    if (log.topics().isEmpty()) {
      return Optional.empty();
    }
    if (AbiCodec.isEvent(log, TOPPED_UP_TOPIC)) {
      @SuppressWarnings("rawtypes")
      List<Type> data = uints(log, 2);
      return Optional.of(
          new ChannelEvent.ToppedUp(channelId(log), uintAt(data, 0), uintAt(data, 1)));
    }
    if (AbiCodec.isEvent(log, EXTENDED_TOPIC)) {
      return Optional.of(
          new ChannelEvent.Extended(channelId(log), instant(uintAt(uints(log, 1), 0))));
    }
    if (AbiCodec.isEvent(log, SETTLED_TOPIC)) {
      @SuppressWarnings("rawtypes")
      List<Type> data = uints(log, 2);
      return Optional.of(
          new ChannelEvent.Settled(channelId(log), uintAt(data, 0), uintAt(data, 1)));
    }
    if (AbiCodec.isEvent(log, CLOSED_TOPIC)) {
      @SuppressWarnings("rawtypes")
      List<Type> data = uints(log, 3);
      return Optional.of(
          new ChannelEvent.Closed(
              channelId(log), uintAt(data, 0), uintAt(data, 1), uintAt(data, 2)));
    }
    if (AbiCodec.isEvent(log, RECLAIMED_TOPIC)) {
      return Optional.of(new ChannelEvent.Reclaimed(channelId(log), uintAt(uints(log, 1), 0)));
    }
    return Optional.empty();
  }

  static ChannelId channelId(EventLog log) {
    return ChannelId.of(AbiCodec.topic(log, 1));
  }

  @SuppressWarnings("rawtypes")
  static List<Type> uints(EventLog log, int count) {
    List<TypeReference<?>> types = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      types.add(new TypeReference<Uint256>() {});
    }
    return AbiCodec.decode(log.data(), types);
  }
}
