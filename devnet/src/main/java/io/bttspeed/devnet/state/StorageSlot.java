package io.bttspeed.devnet.state;

import com.google.protobuf.ByteString;
import io.bttspeed.tron.address.TronAddress;

/** One 32-byte storage key of one contract. */
public record StorageSlot(TronAddress contract, ByteString key) {
  public StorageSlot {
    if (key.size() != 32) {
      throw new IllegalArgumentException("a storage key has 32 bytes, got " + key.size());
    }
  }
}
