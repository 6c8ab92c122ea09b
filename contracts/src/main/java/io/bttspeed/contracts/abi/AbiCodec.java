package io.bttspeed.contracts.abi;

import io.bttspeed.contracts.EvmAddress;
import io.bttspeed.tron.hash.Keccak;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * The bindings' thin layer over web3j's ABI code: conversions between our domain types and web3j's,
 * and decoding that fails loudly instead of returning an empty list.
 */
public final class AbiCodec {
  private static final BigInteger UINT256_LIMIT = BigInteger.ONE.shiftLeft(256);

  private AbiCodec() {}

  /** Selector and arguments for {@code name(inputs...)}. */
  public static CallData call(String name, Type<?>... inputs) {
    Function function = new Function(name, List.of(inputs), List.of());
    return CallData.of(HexFormat.of().parseHex(FunctionEncoder.encode(function).substring(2)));
  }

  /**
   * ABI encoding of a tuple without selector: constructor arguments, or {@code abi.encode(...)}.
   */
  public static byte[] encode(Type<?>... values) {
    return HexFormat.of().parseHex(FunctionEncoder.encodeConstructor(List.of(values)));
  }

  /**
   * The first 4 bytes of keccak256 of a canonical signature such as {@code
   * transfer(address,uint256)}.
   */
  public static byte[] selector(String signature) {
    return Arrays.copyOf(keccak(signature), 4);
  }

  /** keccak256 of a canonical event signature: the log's first topic. */
  public static byte[] eventTopic(String signature) {
    return keccak(signature);
  }

  public static byte[] keccak(String text) {
    return Keccak.hash(text.getBytes(StandardCharsets.UTF_8));
  }

  public static byte[] keccak(byte[] data) {
    return Keccak.hash(data);
  }

  public static Address address(EvmAddress address) {
    return new Address(160, new BigInteger(1, address.bytes()));
  }

  /** An unsigned 256-bit integer argument; a negative or wider value is a caller bug. */
  public static Uint256 uint256(BigInteger value) {
    if (value.signum() < 0 || value.compareTo(UINT256_LIMIT) >= 0) {
      throw new IllegalArgumentException("not a uint256: " + value);
    }
    return new Uint256(value);
  }

  public static Uint256 uint256(long value) {
    return uint256(BigInteger.valueOf(value));
  }

  public static Bytes32 bytes32(byte[] value) {
    return new Bytes32(value);
  }

  /**
   * Decodes {@code data} as the tuple {@code outputs}.
   *
   * @throws ContractDataException if the data is shorter than the tuple or malformed
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  public static List<Type> decode(byte[] data, List<TypeReference<?>> outputs) {
    List<TypeReference<Type>> references = (List) outputs;
    List<Type> values;
    try {
      values = FunctionReturnDecoder.decode(HexFormat.of().formatHex(data), references);
    } catch (RuntimeException e) {
      throw new ContractDataException("malformed ABI data for " + outputs.size() + " values", e);
    }
    if (values.size() != outputs.size()) {
      throw new ContractDataException(
          "ABI data of " + data.length + " bytes does not hold " + outputs.size() + " values");
    }
    return values;
  }

  public static EvmAddress evmAddress(Type<?> value) {
    BigInteger number = ((Address) value).toUint().getValue();
    byte[] word = new byte[32];
    byte[] raw = number.toByteArray();
    int length = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - length, word, 32 - length, length);
    return EvmAddress.of(Arrays.copyOfRange(word, 12, 32));
  }

  public static BigInteger uint(Type<?> value) {
    return (BigInteger) value.getValue();
  }

  public static byte[] bytes32(Type<?> value) {
    return ((Bytes32) value).getValue().clone();
  }

  /** The address in an indexed topic (a left-padded word). */
  public static EvmAddress topicAddress(EventLog log, int index) {
    byte[] topic = log.topic(index);
    for (int i = 0; i < 12; i++) {
      if (topic[i] != 0) {
        throw new ContractDataException("topic " + index + " is not an address");
      }
    }
    return EvmAddress.of(Arrays.copyOfRange(topic, 12, 32));
  }

  /** The raw 32-byte indexed topic at {@code index}. */
  public static byte[] topic(EventLog log, int index) {
    return log.topic(index);
  }

  /** Whether the log's first topic is the given event signature hash. */
  public static boolean isEvent(EventLog log, byte[] topic0) {
    return !log.topics().isEmpty() && Arrays.equals(log.topic(0), topic0);
  }
}
