package io.bttspeed.devnet.node;

import io.bttspeed.devnet.chain.Blocks;
import io.bttspeed.devnet.chain.Genesis;
import io.bttspeed.devnet.chain.TaposWindow;
import io.bttspeed.devnet.crypto.Hash32;
import io.bttspeed.devnet.store.ChainStore;
import java.util.Map;

/**
 * What a node does with its store when it starts: an empty store gets the genesis block, the TaPoS
 * window is refilled from the stored blocks, and a store that holds another chain is refused.
 */
final class Startup {
  private static final int TAPOS_BLOCKS = 1 << 16;

  private Startup() {}

  static void writeGenesisIfEmpty(ChainStore store, Genesis genesis) {
    if (store.headNumber().isEmpty()) {
      store.commitBlock(
          genesis.block(),
          Blocks.blockId(genesis.block()),
          TransactionRecords.genesisInfos(genesis.block()),
          genesis.state());
    }
  }

  static void fillTapos(ChainStore store, long headNumber, TaposWindow tapos) {
    for (Map.Entry<Long, Hash32> entry :
        store.blockIdsFrom(Math.max(0, headNumber - TAPOS_BLOCKS + 1))) {
      tapos.add(entry.getKey(), entry.getValue());
    }
  }

  static void requireGenesis(Hash32 storedGenesisId, Genesis genesis) {
    if (!storedGenesisId.equals(Blocks.blockId(genesis.block()))) {
      throw new IllegalStateException(
          "the stored chain has another genesis ("
              + storedGenesisId
              + ") than this configuration's ("
              + Blocks.blockId(genesis.block())
              + "); start over with --reset");
    }
  }
}
