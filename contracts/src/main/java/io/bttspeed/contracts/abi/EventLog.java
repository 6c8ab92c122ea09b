package io.bttspeed.contracts.abi;

import io.bttspeed.contracts.EvmAddress;
import java.util.List;

/**
 * One log entry as a node reports it (TransactionInfo.log): the emitting contract, its topics (32
 * bytes each, the first is the event's signature hash) and its non-indexed data.
 */
public record EventLog(EvmAddress address, List<byte[]> topics, byte[] data) {
  public EventLog {
    topics = topics.stream().map(byte[]::clone).toList();
    for (byte[] topic : topics) {
      if (topic.length != 32) {
        throw new IllegalArgumentException("a topic has 32 bytes, got " + topic.length);
      }
    }
    data = data.clone();
  }

  @Override
  public List<byte[]> topics() {
    return topics.stream().map(byte[]::clone).toList();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  /** The topic at {@code index}, or an exception naming the event that is missing it. */
  byte[] topic(int index) {
    if (index >= topics.size()) {
      throw new ContractDataException(
          "log has " + topics.size() + " topics, expected " + (index + 1));
    }
    return topics.get(index);
  }
}
