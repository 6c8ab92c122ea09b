package io.bttspeed.devnet.chain;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.bttspeed.devnet.crypto.Hash32;
import io.bttspeed.devnet.crypto.HdKeys;
import io.bttspeed.devnet.state.Accounts;
import io.bttspeed.devnet.state.ChainState;
import io.bttspeed.devnet.state.DynamicProperties;
import io.bttspeed.devnet.state.StateChanges;
import io.bttspeed.devnet.state.TxScope;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.signing.Secp256k1;
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
 * The devnet's genesis, the same on every machine: development accounts from the well-known
 * mnemonic {@value #DEV_MNEMONIC} at {@code m/44'/195'/0'/0/i}, each with TRX and TRC-10 BTT (id
 * {@value #BTT_TOKEN_ID}), issued by the devnet witness (index {@value #WITNESS_INDEX} of the same
 * mnemonic), at a fixed timestamp. Like java-tron's, the genesis block records the allocations as
 * unsigned transactions, so its id (and the chain id, its last 4 bytes) changes only when the
 * allocations do.
 */
public final class Genesis {
  public static final String DEV_MNEMONIC =
      "test test test test test test test test test test test junk";
  public static final int WITNESS_INDEX = 100;
  public static final long TIMESTAMP_MS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z
  public static final String BTT_TOKEN_ID = "1002000";
  public static final String BTT_NAME = "BitTorrent";
  public static final String BTT_ABBR = "BTT";
  public static final int BTT_PRECISION = 6;

  /** The legacy BTT's total supply, 990 billion tokens, in base units. */
  public static final long BTT_TOTAL_SUPPLY = 990_000_000_000L * 1_000_000L;

  /**
   * Ids below this are reserved; the first token issued on the devnet gets the next one, 1000001.
   */
  public static final long FIRST_TOKEN_ID_NUM = 1_000_000L;

  /** TRC-20 BTT's total supply on the devnet, 990 billion tokens, in 10^-18 BTT like mainnet's. */
  public static final BigInteger TRC20_BTT_TOTAL_SUPPLY =
      BigInteger.valueOf(990_000_000_000L).multiply(BigInteger.TEN.pow(18));

  /** TRX the witness holds at genesis, to pay for deploying the genesis contracts. */
  private static final long WITNESS_TRX_SUN = 1_000_000L * 1_000_000L;

  private final List<DevAccount> accounts;
  private final BigInteger witnessKey;
  private final TronAddress witness;
  private final Block block;
  private final StateChanges state;
  private final GenesisContracts.Addresses contracts;

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
   * @param trc20BttUnitsEach the TRC-20 BTT each receives, in base units (10^-18 BTT)
   */
  public Genesis(
      int accountCount, long trxSunEach, long bttUnitsEach, BigInteger trc20BttUnitsEach) {
    if (accountCount < 1 || trxSunEach < 0 || bttUnitsEach < 0 || trc20BttUnitsEach.signum() < 0) {
      throw new IllegalArgumentException(
          "genesis needs at least one account and non-negative amounts");
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
    AssetIssueContract btt =
        AssetIssueContract.newBuilder()
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
    transactions.add(
        genesisTransaction(
            Transaction.Contract.ContractType.TransferContract,
            TransferContract.newBuilder()
                .setOwnerAddress(ByteString.copyFrom(new byte[TronAddress.LENGTH]))
                .setToAddress(witness.toByteString())
                .setAmount(WITNESS_TRX_SUN)
                .build()));
    state.put(
        witness,
        Accounts.newAccount(witness, TIMESTAMP_MS, AccountType.Normal).toBuilder()
            .setBalance(WITNESS_TRX_SUN)
            .setAssetIssuedName(btt.getName())
            .setAssetIssuedID(ByteString.copyFromUtf8(BTT_TOKEN_ID))
            .putAssetV2(BTT_TOKEN_ID, Math.subtractExact(BTT_TOTAL_SUPPLY, bttToAccounts))
            .build());
    for (DevAccount account : accounts) {
      transactions.add(
          genesisTransaction(
              Transaction.Contract.ContractType.TransferContract,
              TransferContract.newBuilder()
                  .setOwnerAddress(ByteString.copyFrom(new byte[TronAddress.LENGTH]))
                  .setToAddress(account.address().toByteString())
                  .setAmount(trxSunEach)
                  .build()));
      transactions.add(
          genesisTransaction(
              Transaction.Contract.ContractType.TransferAssetContract,
              TransferAssetContract.newBuilder()
                  .setOwnerAddress(witness.toByteString())
                  .setToAddress(account.address().toByteString())
                  .setAssetName(ByteString.copyFromUtf8(BTT_TOKEN_ID))
                  .setAmount(bttUnitsEach)
                  .build()));
      state.put(
          account.address(),
          Accounts.newAccount(account.address(), TIMESTAMP_MS, AccountType.Normal).toBuilder()
              .setBalance(trxSunEach)
              .putAssetV2(BTT_TOKEN_ID, bttUnitsEach)
              .build());
    }

    BigInteger trc20ToAccounts = trc20BttUnitsEach.multiply(BigInteger.valueOf(accountCount));
    GenesisContracts deployments =
        new GenesisContracts(
            witness,
            accounts.stream().map(DevAccount::address).toList(),
            trc20BttUnitsEach,
            TRC20_BTT_TOTAL_SUPPLY.subtract(trc20ToAccounts),
            TIMESTAMP_MS);
    transactions.addAll(deployments.transactions());
    this.contracts = deployments.addresses();

    BlockHeader.raw raw =
        BlockHeader.raw
            .newBuilder()
            .setTimestamp(TIMESTAMP_MS)
            .setTxTrieRoot(Blocks.merkleRoot(transactions).toByteString())
            .setParentHash(ByteString.copyFrom(new byte[32]))
            .setNumber(0)
            .setWitnessAddress(witness.toByteString())
            .build();
    this.block =
        Block.newBuilder()
            .addAllTransactions(transactions)
            .setBlockHeader(BlockHeader.newBuilder().setRawData(raw))
            .build();
    // The contracts run after the block is fixed: their effects are state, not part of the header,
    // and the chain id they see (CHAINID, voucher domains) comes from this block's id.
    ChainState initial = new ChainState(new DynamicProperties(FIRST_TOKEN_ID_NUM, 0, 0, 0));
    initial.apply(StateChanges.of(Map.copyOf(state), Map.of(BTT_TOKEN_ID, btt), initial.dynamic()));
    TxScope scope = new TxScope(initial);
    deployments.execute(
        scope, ChainParameters.mainnet(), chainIdOf(Blocks.blockId(raw)), witness, TIMESTAMP_MS);
    initial.apply(scope.changes());
    this.state = initial.drainChanges();
  }

  /** TRON's chain id: the last 4 bytes of a genesis block id, as an unsigned number. */
  public static long chainIdOf(Hash32 genesisId) {
    byte[] id = genesisId.toByteArray();
    return ((id[28] & 0xffL) << 24)
        | ((id[29] & 0xffL) << 16)
        | ((id[30] & 0xffL) << 8)
        | (id[31] & 0xffL);
  }

  /**
   * The default: ten accounts with 1,000,000 TRX, 1,000,000 TRC-10 BTT and 1,000,000 TRC-20 BTT
   * each.
   */
  public static Genesis standard() {
    return new Genesis(
        10,
        1_000_000L * 1_000_000L,
        1_000_000L * 1_000_000L,
        BigInteger.valueOf(1_000_000L).multiply(BigInteger.TEN.pow(18)));
  }

  /** The TRC-20 BTT token contract. */
  public TronAddress bttTokenContract() {
    return contracts.bttToken();
  }

  /** The TRC-20 payment-channel hub (SpeedChannels). */
  public TronAddress speedChannelsContract() {
    return contracts.speedChannels();
  }

  /** The TRC-10 BTT payment-channel hub (SpeedChannelsTrc10). */
  public TronAddress speedChannelsTrc10Contract() {
    return contracts.speedChannelsTrc10();
  }

  private static Transaction genesisTransaction(
      Transaction.Contract.ContractType type, com.google.protobuf.Message contract) {
    return Transaction.newBuilder()
        .setRawData(
            Transaction.raw
                .newBuilder()
                .setTimestamp(TIMESTAMP_MS)
                .addContract(
                    Transaction.Contract.newBuilder()
                        .setType(type)
                        .setParameter(Any.pack(contract))))
        .addRet(
            Transaction.Result.newBuilder()
                .setContractRet(Transaction.Result.contractResult.SUCCESS))
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
