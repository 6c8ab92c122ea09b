package io.bttspeed.devnet.chain;

import io.bttspeed.devnet.crypto.Hash32;
import io.bttspeed.tron.hash.Sha256;
import java.util.ArrayList;
import java.util.List;
import org.tron.trident.proto.Chain.Block;
import org.tron.trident.proto.Chain.BlockHeader;
import org.tron.trident.proto.Chain.Transaction;

/**
 * TRON's block and transaction identities: ids, TaPoS references and the transaction Merkle root.
 */
public final class Blocks {
  /** The slot length of TRON block production. */
  public static final long SLOT_MS = 3_000;

  private Blocks() {}

  /** txid = sha256(raw_data). */
  public static Hash32 txId(Transaction transaction) {
    return Hash32.of(Sha256.hash(transaction.getRawData().toByteArray()));
  }

  /**
   * Block id = sha256(header raw) with its first 8 bytes replaced by the block number, big-endian.
   */
  public static Hash32 blockId(BlockHeader.raw raw) {
    byte[] hash = Sha256.hash(raw.toByteArray());
    long number = raw.getNumber();
    for (int i = 0; i < 8; i++) {
      hash[i] = (byte) (number >>> (56 - 8 * i));
    }
    return Hash32.of(hash);
  }

  public static Hash32 blockId(Block block) {
    return blockId(block.getBlockHeader().getRawData());
  }

  /**
   * The Merkle root of the transactions' hashes (sha256 of each whole serialized transaction,
   * results included), pairing left to right and carrying an odd one up unchanged; all zeros for no
   * transactions.
   */
  public static Hash32 merkleRoot(List<Transaction> transactions) {
    if (transactions.isEmpty()) {
      return Hash32.ZERO;
    }
    List<byte[]> level = new ArrayList<>(transactions.size());
    for (Transaction transaction : transactions) {
      level.add(Sha256.hash(transaction.toByteArray()));
    }
    while (level.size() > 1) {
      List<byte[]> parents = new ArrayList<>((level.size() + 1) / 2);
      for (int i = 0; i < level.size(); i += 2) {
        parents.add(
            i + 1 < level.size() ? Sha256.hash(level.get(i), level.get(i + 1)) : level.get(i));
      }
      level = parents;
    }
    return Hash32.of(level.get(0));
  }

  /**
   * A transaction's serialized size without its results, which is what fees and limits are computed
   * on. Clients normally send no results, so the cached size is used without copying the message.
   */
  public static long sizeWithoutResults(Transaction transaction) {
    return transaction.getRetCount() == 0
        ? transaction.getSerializedSize()
        : transaction.toBuilder().clearRet().build().getSerializedSize();
  }

  /** The two bytes a transaction's ref_block_bytes holds for a block number: bytes 6..8 of it. */
  public static int refBlockBytes(long blockNumber) {
    return (int) (blockNumber & 0xffff);
  }
}
