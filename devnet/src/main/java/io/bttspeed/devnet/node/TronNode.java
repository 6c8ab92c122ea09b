package io.bttspeed.devnet.node;

import com.google.protobuf.ByteString;
import io.bttspeed.devnet.chain.BandwidthMeter;
import io.bttspeed.devnet.chain.BlockContext;
import io.bttspeed.devnet.chain.Blocks;
import io.bttspeed.devnet.chain.ChainParameters;
import io.bttspeed.devnet.chain.Genesis;
import io.bttspeed.devnet.chain.Rejection;
import io.bttspeed.devnet.chain.TaposWindow;
import io.bttspeed.devnet.chain.TransactionProcessor;
import io.bttspeed.devnet.chain.contract.ConstantCalls;
import io.bttspeed.devnet.chain.contract.VmEnvironment;
import io.bttspeed.devnet.chain.contract.VmReceipt;
import io.bttspeed.devnet.crypto.Hash32;
import io.bttspeed.devnet.state.ChainState;
import io.bttspeed.devnet.state.StateChanges;
import io.bttspeed.devnet.store.ChainStore;
import io.bttspeed.devnet.tvm.Tvm;
import io.bttspeed.devnet.tvm.word.Word;
import io.bttspeed.tron.address.TronAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tron.trident.proto.Chain.Block;
import org.tron.trident.proto.Chain.Transaction;
import org.tron.trident.proto.Common.SmartContract;
import org.tron.trident.proto.Contract.AssetIssueContract;
import org.tron.trident.proto.Contract.TriggerSmartContract;
import org.tron.trident.proto.Response.Account;
import org.tron.trident.proto.Response.TransactionInfo;
import org.tron.trident.proto.Response.TransactionReturn;
import org.tron.trident.proto.Response.TransactionReturn.response_code;

/**
 * A single-witness TRON node: it takes transactions into a pending pool after full validation
 * (applying them to the pending state as java-tron does), seals the pool into signed blocks, and
 * answers queries about blocks, transactions and accounts. Every sealed block is committed to the
 * store with its state changes before anyone can see it. One lock guards the state; signature
 * recovery, the costly part of validation, happens before it.
 */
public final class TronNode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TronNode.class);

  private final Object lock = new Object();

  /**
   * Orders seals: one block is built and committed at a time. Taken before {@link #lock}, never
   * inside it.
   */
  private final Object sealLock = new Object();

  private final NodeSettings settings;
  private final ChainParameters parameters;
  private final TransactionProcessor processor;
  private final BandwidthMeter bandwidth;
  private final ConstantCalls constantCalls;
  private final ChainStore store;
  private final ChainState state;
  private final TaposWindow tapos = new TaposWindow();
  private final KnownTransactions known = new KnownTransactions();
  private final List<TransactionProcessor.Applied> pending = new ArrayList<>();
  private final SolidAccounts solidAccounts;
  private final Witness witness;
  private final Hash32 genesisId;
  private Block head;
  private Hash32 headId;

  /** The block being written to the store and its id, or null; guarded by {@link #lock}. */
  private Block sealing;

  private Hash32 sealingId;

  private TronNode(NodeSettings settings, ChainStore store) {
    this.settings = settings;
    this.parameters = settings.parameters();
    this.store = store;
    Genesis genesis = settings.genesis();
    this.witness = new Witness(genesis.witnessKey(), genesis.witness());
    VmEnvironment environment =
        new VmEnvironment(
            new Tvm(),
            Genesis.chainIdOf(Blocks.blockId(genesis.block())),
            witness.address(),
            parameters.energyFee(),
            this::blockHashForVm);
    this.processor = new TransactionProcessor(parameters, environment);
    this.constantCalls = new ConstantCalls(parameters, environment);
    this.bandwidth = new BandwidthMeter(parameters);
    Startup.writeGenesisIfEmpty(store, genesis);
    StateChanges stored = store.loadState();
    this.state = new ChainState(stored.dynamic());
    state.load(stored);
    this.solidAccounts = new SolidAccounts(settings.solidityLag(), stored.accounts().values());
    this.genesisId = Blocks.blockId(store.blockByNumber(0).orElseThrow());
    long headNumber = store.headNumber().orElseThrow();
    this.head = store.blockByNumber(headNumber).orElseThrow();
    this.headId = Blocks.blockId(head);
    Startup.fillTapos(store, headNumber, tapos);
    store.unexpiredTransactionIds(headTimeMs()).forEach(known::add);
    Startup.requireGenesis(genesisId, genesis);
  }

  /**
   * Opens the chain in the settings' store, writing the genesis block first when the store is
   * empty.
   */
  public static TronNode open(NodeSettings settings) {
    ChainStore store = ChainStore.open(settings.jdbcUrl());
    try {
      return new TronNode(settings, store);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * Validates a transaction and, if it passes, adds it to the pending pool; answers as java-tron
   * does.
   */
  public TransactionReturn broadcast(Transaction transaction) {
    TransactionProcessor.Prepared prepared = processor.prepare(transaction);
    synchronized (lock) {
      if (pending.size() >= settings.maxPending()) {
        return failure(response_code.SERVER_BUSY, "Server busy.");
      }
      try {
        TransactionProcessor.Applied applied =
            processor.apply(prepared, state, tapos, known::contains, blockContext());
        state.apply(applied.changes());
        known.add(prepared.txId(), transaction.getRawData().getExpiration());
        pending.add(applied);
      } catch (Rejection rejection) {
        log.debug("rejected {}: {}", prepared.txId(), rejection.getMessage());
        return failure(rejection.code(), rejection.getMessage());
      }
    }
    return TransactionReturn.newBuilder().setResult(true).setCode(response_code.SUCCESS).build();
  }

  public int pendingCount() {
    synchronized (lock) {
      return pending.size();
    }
  }

  /**
   * Seals every pending transaction into a new signed block and commits it; returns the block. The
   * node lock is held to build the block from the pending pool and to publish it, but not while it
   * is written to the store (the bulk of the time for a full block), so transactions keep being
   * accepted meanwhile, into the block after the one being sealed. Nobody sees the block before it
   * is committed: the head, the TaPoS window and the store move together when it is published.
   */
  public Block sealBlock() {
    synchronized (sealLock) {
      Block block;
      Hash32 id;
      List<TransactionProcessor.Applied> sealed;
      StateChanges changes;
      synchronized (lock) {
        long number = head.getBlockHeader().getRawData().getNumber() + 1;
        long timestamp = Math.max(settings.clock().millis(), headTimeMs() + 1);
        sealed = new ArrayList<>(pending);
        Witness.SignedBlock signed =
            witness.sign(number, timestamp, headId, TransactionRecords.withResults(sealed));
        block = signed.block();
        id = signed.id();
        changes = state.drainChanges();
        pending.clear();
        sealing = block;
        sealingId = id;
      }
      long number = block.getBlockHeader().getRawData().getNumber();
      long timestamp = block.getBlockHeader().getRawData().getTimestamp();
      List<TransactionInfo> infos = TransactionRecords.infos(sealed, number, timestamp);
      try {
        store.commitBlock(block, id, infos, changes);
      } catch (RuntimeException e) {
        // The pending state already includes this block; without it in the store the node cannot go
        // on.
        log.error("block {} could not be stored; the node stops producing", number, e);
        throw e;
      }
      synchronized (lock) {
        solidAccounts.sealed(changes);
        head = block;
        headId = id;
        tapos.add(number, id);
        known.expire(timestamp);
        sealing = null;
        sealingId = null;
      }
      return block;
    }
  }

  /**
   * The context a transaction accepted now executes in: after the block being sealed, if one is.
   */
  private BlockContext blockContext() {
    Block base = sealing != null ? sealing : head;
    long headTime = base.getBlockHeader().getRawData().getTimestamp();
    return new BlockContext(
        base.getBlockHeader().getRawData().getNumber(),
        headTime,
        (headTime - Genesis.TIMESTAMP_MS) / Blocks.SLOT_MS,
        Math.max(settings.clock().millis(), headTime + 1));
  }

  private static TransactionReturn failure(response_code code, String message) {
    return TransactionReturn.newBuilder()
        .setResult(false)
        .setCode(code)
        .setMessage(ByteString.copyFromUtf8(message))
        .build();
  }

  // ---- queries ----

  public Block headBlock() {
    synchronized (lock) {
      return head;
    }
  }

  public long headNumber() {
    synchronized (lock) {
      return head.getBlockHeader().getRawData().getNumber();
    }
  }

  public long headTimeMs() {
    synchronized (lock) {
      return head.getBlockHeader().getRawData().getTimestamp();
    }
  }

  /** The number of the solidified block: head − the configured lag, never below genesis. */
  public long solidNumber() {
    return Math.max(0, headNumber() - settings.solidityLag());
  }

  public Block solidBlock() {
    return blockByNumber(solidNumber()).orElseThrow();
  }

  public Optional<Block> blockByNumber(long number) {
    if (number == headNumber()) {
      return Optional.of(headBlock());
    }
    return number < 0 ? Optional.empty() : store.blockByNumber(number);
  }

  public Optional<Block> blockById(Hash32 id) {
    return store.blockById(id);
  }

  public Optional<ChainStore.StoredTransaction> transaction(Hash32 id) {
    return store.transaction(id);
  }

  public Optional<TransactionInfo> transactionInfo(Hash32 id) {
    return store.transactionInfo(id);
  }

  public List<TransactionInfo> transactionInfos(long blockNumber) {
    return store.transactionInfos(blockNumber);
  }

  /** An account as of the pending state, which is what java-tron's GetAccount answers. */
  public Optional<Account> account(TronAddress address) {
    synchronized (lock) {
      return state.account(address);
    }
  }

  /** An account as of the solidified block. */
  public Optional<Account> solidAccount(TronAddress address) {
    synchronized (lock) {
      return solidAccounts.account(address);
    }
  }

  public Optional<AssetIssueContract> asset(String id) {
    synchronized (lock) {
      return state.asset(id);
    }
  }

  public Optional<AssetIssueContract> assetByName(String name) {
    synchronized (lock) {
      return state.assetByName(name);
    }
  }

  /** The free bandwidth an account has used as of the head block's slot. */
  public long freeNetUsed(Account account) {
    synchronized (lock) {
      return bandwidth.freeNetUsed(account, blockContext().headSlot());
    }
  }

  public ChainParameters parameters() {
    return parameters;
  }

  public Hash32 genesisId() {
    return genesisId;
  }

  /** TRON's chain id: the last 4 bytes of the genesis block id, as an unsigned number. */
  public long chainId() {
    return Genesis.chainIdOf(genesisId);
  }

  /** BLOCKHASH: the ids of the 256 blocks before the executing one, zero for any other. */
  private Word blockHashForVm(long number) {
    Hash32 justSealed;
    long executing;
    synchronized (lock) {
      justSealed = sealingId;
      executing = (sealing != null ? sealing : head).getBlockHeader().getRawData().getNumber() + 1;
    }
    if (number >= executing || number < executing - 256 || number < 0) {
      return Word.ZERO;
    }
    if (justSealed != null && number == executing - 1) {
      return Word.fromBytes(justSealed.toByteArray());
    }
    return blockByNumber(number)
        .map(block -> Word.fromBytes(Blocks.blockId(block).toByteArray()))
        .orElse(Word.ZERO);
  }

  // ---- contracts ----

  /** A deployed contract's metadata, as GetContract answers it. */
  public Optional<SmartContract> contract(TronAddress address) {
    synchronized (lock) {
      return state.contract(address);
    }
  }

  public ByteString runtimeCode(TronAddress address) {
    synchronized (lock) {
      return state.code(address);
    }
  }

  /** Runs a call on the pending state without keeping its effects (TriggerConstantContract). */
  public VmReceipt constantCall(TriggerSmartContract call, Hash32 txId) throws Rejection {
    synchronized (lock) {
      return constantCalls.call(call, state, blockContext(), txId);
    }
  }

  /** The least energy limit with which a call succeeds (EstimateEnergy). */
  public long estimateEnergy(TriggerSmartContract call, Hash32 txId) throws Rejection {
    synchronized (lock) {
      return constantCalls.estimate(call, state, blockContext(), txId);
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      store.close();
    }
  }
}
