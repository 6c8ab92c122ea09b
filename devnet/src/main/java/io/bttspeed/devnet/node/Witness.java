package io.bttspeed.devnet.node;

import com.google.protobuf.ByteString;
import io.bttspeed.devnet.chain.Blocks;
import io.bttspeed.devnet.crypto.Hash32;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.hash.Sha256;
import io.bttspeed.tron.signing.Secp256k1;
import java.math.BigInteger;
import java.util.List;
import org.tron.trident.proto.Chain.Block;
import org.tron.trident.proto.Chain.BlockHeader;
import org.tron.trident.proto.Chain.Transaction;

/**
 * The chain's only witness: it puts a block's header over its transactions and signs it with the
 * witness key, as a TRON witness produces its blocks.
 */
final class Witness {
  private static final int BLOCK_VERSION = 32;

  private final BigInteger key;
  private final TronAddress address;

  /** A signed block and its id. */
  record SignedBlock(Block block, Hash32 id) {}

  Witness(BigInteger key, TronAddress address) {
    this.key = key;
    this.address = address;
  }

  TronAddress address() {
    return address;
  }

  /** The block numbered {@code number} after {@code parentId}, holding {@code transactions}. */
  SignedBlock sign(long number, long timestamp, Hash32 parentId, List<Transaction> transactions) {
    BlockHeader.raw raw =
        BlockHeader.raw
            .newBuilder()
            .setTimestamp(timestamp)
            .setTxTrieRoot(Blocks.merkleRoot(transactions).toByteString())
            .setParentHash(parentId.toByteString())
            .setNumber(number)
            .setWitnessAddress(address.toByteString())
            .setVersion(BLOCK_VERSION)
            .build();
    byte[] signature = Secp256k1.sign(Sha256.hash(raw.toByteArray()), key);
    Block block =
        Block.newBuilder()
            .addAllTransactions(transactions)
            .setBlockHeader(
                BlockHeader.newBuilder()
                    .setRawData(raw)
                    .setWitnessSignature(ByteString.copyFrom(signature)))
            .build();
    return new SignedBlock(block, Blocks.blockId(raw));
  }
}
