package io.bttspeed.devnet.tvm;

import io.bttspeed.devnet.tvm.word.Word;
import java.util.List;

/** A LOG0..LOG4 record: the emitting contract, its topics and data. */
public record LogEntry(Address address, List<Word> topics, byte[] data) {

  public LogEntry {
    topics = List.copyOf(topics);
    data = data.clone();
  }

  @Override
  public byte[] data() {
    return data.clone();
  }
}
