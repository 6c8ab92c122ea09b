package io.bttspeed.devnet.chain;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.bttspeed.devnet.crypto.HdKeys;
import io.bttspeed.devnet.crypto.Secp256k1;
import io.bttspeed.devnet.crypto.TronAddress;
import io.bttspeed.devnet.state.Accounts;
import io.bttspeed.devnet.state.DynamicProperties;
import io.bttspeed.devnet.state.StateChanges;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tron.trident.proto.Chain.Block;
import org.tron.trident.proto.Chain.BlockHeader;
import org.tron.trident.proto.Chain.Transaction;
import org.tron.trident.proto.Common.AccountType;
import org.tron.trident.proto.Contract.AssetIssueContract;
import org.tron.trident.proto.Contract.TransferAssetContract;
import org.tron.trident.proto.Contract.TransferContract;
import org.tron.trident.proto.Response.Account;

/**
 * The devnet's genesis, the same on every machine: development accounts from the well-known mnemonic
 * {@value #DEV_MNEMONIC} at {@code m/44'/195'/0'/0/i}, each with TRX and TRC-10 BTT (id {@value #BTT_TOKEN_ID}),
 * issued by the devnet witness (index {@value #WITNESS_INDEX} of the same mnemonic), at a fixed timestamp. Like
 * java-tron's, the genesis block records the allocations as unsigned transactions, so its id (and the chain id,
 * its last 4 bytes) changes only when the allocations do.
 */
public final class Genesis {
  public static final String DEV_MNEMONIC = "test test test test test test test test test test test junk";
  public static final int WITNESS_INDEX = 100;
  public static final long TIMESTAMP_MS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
  public static final String BTT_TOKEN_ID = "1002000";
  public static final String BTT_NAME = "BitTorrent";
  public static final String BTT_ABBR = "BTT";
  public static final int BTT_PRECISION = 6;
  /** The legacy BTT's total supply, 990 billion tokens, in base units. */
  public static final long BTT_TOTAL_SUPPLY = 990_000_000_000L * 1_000_000L;
  /** Ids below this are reserved; the first token issued on the devnet gets the next one, 1000001. */
  public static final long FIRST_TOKEN_ID_NUM = 1_000_000L;

  private final List<DevAccount> accounts;
  private final BigInteger witnessKey;
  private final TronAddress witness;
  private final Block block;
  private final StateChanges state;

  /** A development account: its index on the path, address and private key. */
  public record DevAccount(int index, TronAddress address, BigInteger privateKey) {
    @Override
    public String toString() {
      return "DevAccount[" + index + ", " + address + "]";
    }
  }

  /**
   * @param accountCount how many development accounts to fund
   * @param trxSunEach the TRX each receives, in sun
   * @param bttUnitsEach the TRC-10 BTT each receives, in base units (10^-6 BTT)
   */
  public Genesis(int accountCount, long trxSunEach, long bttUnitsEach) {
    if (accountCount < 1 || trxSunEach < 0 || bttUnitsEach < 0) {
      throw new IllegalArgumentException("genesis needs at least one account and non-negative amounts");
    }
    this.witnessKey = HdKeys.tronKey(DEV_MNEMONIC, WITNESS_INDEX);
    this.witness = Secp256k1.addressOf(witnessKey);
    List<DevAccount> derived = new ArrayList<>();
    for (int i = 0; i < accountCount; i++) {
      BigInteger key = HdKeys.tronKey(DEV_MNEMONIC, i);
      derived.add(new DevAccount(i, Secp256k1.addressOf(key), key));
    }
    this.accounts = List.copyOf(derived);

    long bttToAccounts = Math.multiplyExact(bttUnitsEach, accountCount);
    AssetIssueContract btt = AssetIssueContract.newBuilder()
        .setId(BTT_TOKEN_ID)
        .setOwnerAddress(witness.toByteString())
        .setName(ByteString.copyFromUtf8(BTT_NAME))
        .setAbbr(ByteString.copyFromUtf8(BTT_ABBR))
        .setTotalSupply(BTT_TOTAL_SUPPLY)
        .setPrecision(BTT_PRECISION)
        .setTrxNum(1)
        .setNum(1)
        .setStartTime(TIMESTAMP_MS)
        .setEndTime(TIMESTAMP_MS + 1)
        .setDescription(ByteString.copyFromUtf8("BitTorrent (TRC-10) on the btt-speed devnet"))
        .setUrl(ByteString.copyFromUtf8("https://www.bittorrent.com"))
        .build();

    List<Transaction> transactions = new ArrayList<>();
    Map<TronAddress, Account> state = new LinkedHashMap<>();
    transactions.add(genesisTransaction(Transaction.Contract.ContractType.AssetIssueContract, btt));
    state.put(witness, Accounts.newAccount(witness, TIMESTAMP_MS, AccountType.Normal).toBuilder()
        .setAssetIssuedName(btt.getName())
        .setAssetIssuedID(ByteString.copyFromUtf8(BTT_TOKEN_ID))
        .putAssetV2(BTT_TOKEN_ID, Math.subtractExact(BTT_TOTAL_SUPPLY, bttToAccounts))
        .build());
    for (DevAccount account : accounts) {
      transactions.add(genesisTransaction(Transaction.Contract.ContractType.TransferContract,
          TransferContract.newBuilder()
              .setOwnerAddress(ByteString.copyFrom(new byte[TronAddress.LENGTH]))
              .setToAddress(account.address().toByteString())
              .setAmount(trxSunEach)
              .build()));
      transactions.add(genesisTransaction(Transaction.Contract.ContractType.TransferAssetContract,
          TransferAssetContract.newBuilder()
              .setOwnerAddress(witness.toByteString())
              .setToAddress(account.address().toByteString())
              .setAssetName(ByteString.copyFromUtf8(BTT_TOKEN_ID))
              .setAmount(bttUnitsEach)
              .build()));
      state.put(account.address(), Accounts.newAccount(account.address(), TIMESTAMP_MS, AccountType.Normal)
          .toBuilder()
          .setBalance(trxSunEach)
          .putAssetV2(BTT_TOKEN_ID, bttUnitsEach)
          .build());
    }

    BlockHeader.raw raw = BlockHeader.raw.newBuilder()
        .setTimestamp(TIMESTAMP_MS)
        .setTxTrieRoot(Blocks.merkleRoot(transactions).toByteString())
        .setParentHash(ByteString.copyFrom(new byte[32]))
        .setNumber(0)
        .setWitnessAddress(witness.toByteString())
        .build();
    this.block = Block.newBuilder()
        .addAllTransactions(transactions)
        .setBlockHeader(BlockHeader.newBuilder().setRawData(raw))
        .build();
    this.state = new StateChanges(Map.copyOf(state), Map.of(BTT_TOKEN_ID, btt),
        new DynamicProperties(FIRST_TOKEN_ID_NUM, 0, 0, 0));
  }

  /** The default: ten accounts with 1,000,000 TRX and 1,000,000 TRC-10 BTT each. */
  public static Genesis standard() {
    return new Genesis(10, 1_000_000L * 1_000_000L, 1_000_000L * 1_000_000L);
  }

  private static Transaction genesisTransaction(Transaction.Contract.ContractType type,
      com.google.protobuf.Message contract) {
    return Transaction.newBuilder()
        .setRawData(Transaction.raw.newBuilder()
            .setTimestamp(TIMESTAMP_MS)
            .addContract(Transaction.Contract.newBuilder().setType(type).setParameter(Any.pack(contract))))
        .addRet(Transaction.Result.newBuilder().setContractRet(Transaction.Result.contractResult.SUCCESS))
        .build();
  }

  public List<DevAccount> accounts() {
    return accounts;
  }

  public BigInteger witnessKey() {
    return witnessKey;
  }

  public TronAddress witness() {
    return witness;
  }

  public Block block() {
    return block;
  }

  public StateChanges state() {
    return state;
  }
}
