package io.bttspeed.devnet.chain;

import com.google.protobuf.ByteString;
import io.bttspeed.devnet.crypto.Hash32;
import java.util.Arrays;

/**
 * The recent-block table behind TaPoS: for each value of a block number's low 16 bits, the id of
 * the latest block with them, so a transaction can reference any of the last 65,536 blocks by
 * {@code ref_block_bytes} and prove it by {@code ref_block_hash} (bytes 8..16 of that block's id).
 */
public final class TaposWindow {
  private static final int SIZE = 1 << 16;

  private final byte[][] refHashes = new byte[SIZE][];

  public void add(long blockNumber, Hash32 blockId) {
    refHashes[Blocks.refBlockBytes(blockNumber)] = Arrays.copyOfRange(blockId.toByteArray(), 8, 16);
  }

  public boolean matches(ByteString refBlockBytes, ByteString refBlockHash) {
    if (refBlockBytes.size() != 2 || refBlockHash.size() != 8) {
      return false;
    }
    int slot = ((refBlockBytes.byteAt(0) & 0xff) << 8) | (refBlockBytes.byteAt(1) & 0xff);
    byte[] known = refHashes[slot];
    return known != null && Arrays.equals(known, refBlockHash.toByteArray());
  }
}
