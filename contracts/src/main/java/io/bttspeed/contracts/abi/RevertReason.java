package io.bttspeed.contracts.abi;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;

/**
 * Reads the reason out of revert data: {@code Error(string)} as Solidity's {@code require} and our
 * Yul {@code fail} encode it (selector {@code 0x08c379a0}). TriggerConstantContract returns this
 * data in {@code constant_result}; a failed transaction's TransactionInfo carries it in {@code
 * contractResult}.
 */
public final class RevertReason {
  static final byte[] ERROR_SELECTOR = HexFormat.of().parseHex("08c379a0");

  private RevertReason() {}

  /** The reason string, or empty when the data is not an {@code Error(string)}. */
  public static Optional<String> decode(byte[] revertData) {
    if (revertData.length < 4 + 64
        || !Arrays.equals(Arrays.copyOf(revertData, 4), ERROR_SELECTOR)) {
      return Optional.empty();
    }
    try {
      @SuppressWarnings("rawtypes")
      List<Type> values =
          AbiCodec.decode(
              Arrays.copyOfRange(revertData, 4, revertData.length),
              List.of(new TypeReference<Utf8String>() {}));
      return Optional.of((String) values.get(0).getValue());
    } catch (ContractDataException e) {
      return Optional.empty();
    }
  }

  /** Encodes {@code Error(reason)}, as a contract reverting with {@code reason} would. */
  public static byte[] encode(String reason) {
    byte[] text = reason.getBytes(StandardCharsets.UTF_8);
    int padded = (text.length + 31) / 32 * 32;
    byte[] data = new byte[4 + 32 + 32 + padded];
    System.arraycopy(ERROR_SELECTOR, 0, data, 0, 4);
    data[4 + 31] = 0x20;
    byte[] length = java.math.BigInteger.valueOf(text.length).toByteArray();
    System.arraycopy(length, 0, data, 4 + 64 - length.length, length.length);
    System.arraycopy(text, 0, data, 4 + 64, text.length);
    return data;
  }
}
