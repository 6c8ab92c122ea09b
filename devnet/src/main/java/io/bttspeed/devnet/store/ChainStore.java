package io.bttspeed.devnet.store;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.bttspeed.devnet.crypto.Hash32;
import io.bttspeed.devnet.state.DynamicProperties;
import io.bttspeed.devnet.state.StateChanges;
import io.bttspeed.devnet.state.StorageSlot;
import io.bttspeed.tron.address.TronAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tron.trident.proto.Chain.Block;
import org.tron.trident.proto.Chain.BlockHeader;
import org.tron.trident.proto.Chain.Transaction;
import org.tron.trident.proto.Common.SmartContract;
import org.tron.trident.proto.Contract.AssetIssueContract;
import org.tron.trident.proto.Response.Account;
import org.tron.trident.proto.Response.TransactionInfo;

/**
 * The chain in H2: block headers, transactions with their infos, and the head state (accounts,
 * TRC-10 tokens, dynamic counters). A block and every state change it made are committed in one
 * database transaction, so a restart always finds a consistent chain. Protobuf messages are stored
 * as their own bytes.
 */
public final class ChainStore implements AutoCloseable {
  private final Connection writer;
  private final Connection reader;

  private ChainStore(Connection writer, Connection reader) {
    this.writer = writer;
    this.reader = reader;
  }

  /**
   * Opens (creating if needed) the chain at a JDBC URL such as {@code jdbc:h2:file:/data/chain}.
   */
  public static ChainStore open(String jdbcUrl) {
    try {
      Connection writer = DriverManager.getConnection(jdbcUrl, "sa", "");
      writer.setAutoCommit(false);
      createSchema(writer);
      Connection reader = DriverManager.getConnection(jdbcUrl, "sa", "");
      return new ChainStore(writer, reader);
    } catch (SQLException e) {
      throw new StoreException("cannot open the chain database at " + jdbcUrl, e);
    }
  }

  private static void createSchema(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS block_header (num BIGINT PRIMARY KEY, "
              + "id BINARY(32) NOT NULL UNIQUE, header VARBINARY NOT NULL, tx_count INT NOT NULL)");
      statement.execute(
          "CREATE TABLE IF NOT EXISTS tx (id BINARY(32) PRIMARY KEY, block_num BIGINT NOT NULL, "
              + "idx INT NOT NULL, expiration BIGINT NOT NULL, body VARBINARY NOT NULL, info VARBINARY NOT NULL)");
      statement.execute("CREATE INDEX IF NOT EXISTS tx_by_block ON tx (block_num, idx)");
      statement.execute(
          "CREATE TABLE IF NOT EXISTS account (address BINARY(21) PRIMARY KEY, "
              + "body VARBINARY NOT NULL)");
      statement.execute(
          "CREATE TABLE IF NOT EXISTS asset (id VARCHAR(32) PRIMARY KEY, body VARBINARY NOT NULL)");
      statement.execute(
          "CREATE TABLE IF NOT EXISTS contract (address BINARY(21) PRIMARY KEY, "
              + "body VARBINARY NOT NULL, code VARBINARY NOT NULL)");
      statement.execute(
          "CREATE TABLE IF NOT EXISTS storage (address BINARY(21) NOT NULL, slot BINARY(32) NOT NULL, "
              + "val BINARY(32) NOT NULL, PRIMARY KEY (address, slot))");
      statement.execute(
          "CREATE TABLE IF NOT EXISTS dynamic_property (name VARCHAR(64) PRIMARY KEY, "
              + "val BIGINT NOT NULL)");
    }
    connection.commit();
  }

  /**
   * Persists a sealed block, its transactions' infos and the state as of the end of that block,
   * atomically.
   */
  public synchronized void commitBlock(
      Block block, Hash32 blockId, List<TransactionInfo> infos, StateChanges changes) {
    try {
      try (PreparedStatement header =
          writer.prepareStatement(
              "INSERT INTO block_header (num, id, header, tx_count) VALUES (?, ?, ?, ?)")) {
        header.setLong(1, block.getBlockHeader().getRawData().getNumber());
        header.setBytes(2, blockId.toByteArray());
        header.setBytes(3, block.getBlockHeader().toByteArray());
        header.setInt(4, block.getTransactionsCount());
        header.executeUpdate();
      }
      try (PreparedStatement tx =
          writer.prepareStatement(
              "INSERT INTO tx (id, block_num, idx, expiration, body, info) VALUES (?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < block.getTransactionsCount(); i++) {
          Transaction transaction = block.getTransactions(i);
          TransactionInfo info = infos.get(i);
          tx.setBytes(1, info.getId().toByteArray());
          tx.setLong(2, info.getBlockNumber());
          tx.setInt(3, i);
          tx.setLong(4, transaction.getRawData().getExpiration());
          tx.setBytes(5, transaction.toByteArray());
          tx.setBytes(6, info.toByteArray());
          tx.addBatch();
        }
        tx.executeBatch();
      }
      saveState(changes);
      saveDynamic(changes.dynamic());
      writer.commit();
    } catch (SQLException e) {
      rollbackQuietly(e);
      throw new StoreException(
          "cannot commit block " + block.getBlockHeader().getRawData().getNumber(), e);
    }
  }

  private void saveState(StateChanges changes) throws SQLException {
    for (TronAddress address : changes.deleted()) {
      for (String table : new String[] {"account", "contract", "storage"}) {
        try (PreparedStatement delete =
            writer.prepareStatement("DELETE FROM " + table + " WHERE address = ?")) {
          delete.setBytes(1, address.toByteArray());
          delete.executeUpdate();
        }
      }
    }
    try (PreparedStatement account =
        writer.prepareStatement("MERGE INTO account (address, body) KEY (address) VALUES (?, ?)")) {
      for (Account value : changes.accounts().values()) {
        account.setBytes(1, value.getAddress().toByteArray());
        account.setBytes(2, value.toByteArray());
        account.addBatch();
      }
      account.executeBatch();
    }
    try (PreparedStatement asset =
        writer.prepareStatement("MERGE INTO asset (id, body) KEY (id) VALUES (?, ?)")) {
      for (AssetIssueContract value : changes.assets().values()) {
        asset.setString(1, value.getId());
        asset.setBytes(2, value.toByteArray());
        asset.addBatch();
      }
      asset.executeBatch();
    }
    try (PreparedStatement contract =
        writer.prepareStatement(
            "MERGE INTO contract (address, body, code) KEY (address) VALUES (?, ?, ?)")) {
      for (Map.Entry<TronAddress, SmartContract> entry : changes.contracts().entrySet()) {
        contract.setBytes(1, entry.getKey().toByteArray());
        contract.setBytes(2, entry.getValue().toByteArray());
        contract.setBytes(
            3, changes.code().getOrDefault(entry.getKey(), ByteString.EMPTY).toByteArray());
        contract.addBatch();
      }
      contract.executeBatch();
    }
    try (PreparedStatement put =
            writer.prepareStatement(
                "MERGE INTO storage (address, slot, val) KEY (address, slot) VALUES (?, ?, ?)");
        PreparedStatement clear =
            writer.prepareStatement("DELETE FROM storage WHERE address = ? AND slot = ?")) {
      for (Map.Entry<StorageSlot, ByteString> entry : changes.storage().entrySet()) {
        PreparedStatement statement = entry.getValue().isEmpty() ? clear : put;
        statement.setBytes(1, entry.getKey().contract().toByteArray());
        statement.setBytes(2, entry.getKey().key().toByteArray());
        if (!entry.getValue().isEmpty()) {
          statement.setBytes(3, entry.getValue().toByteArray());
        }
        statement.addBatch();
      }
      put.executeBatch();
      clear.executeBatch();
    }
    saveDynamic(changes.dynamic());
  }

  private void saveDynamic(DynamicProperties dynamic) throws SQLException {
    Map<String, Long> values = new LinkedHashMap<>();
    values.put("token_id_num", dynamic.tokenIdNum());
    values.put("public_net_usage", dynamic.publicNetUsage());
    values.put("public_net_time", dynamic.publicNetTime());
    values.put("burned_sun", dynamic.burnedSun());
    try (PreparedStatement statement =
        writer.prepareStatement(
            "MERGE INTO dynamic_property (name, val) KEY (name) VALUES (?, ?)")) {
      for (Map.Entry<String, Long> entry : values.entrySet()) {
        statement.setString(1, entry.getKey());
        statement.setLong(2, entry.getValue());
        statement.addBatch();
      }
      statement.executeBatch();
    }
  }

  private Optional<DynamicProperties> loadDynamic() {
    Map<String, Long> values = new LinkedHashMap<>();
    query(
        "SELECT name, val FROM dynamic_property",
        statement -> {},
        rs -> values.put(rs.getString(1), rs.getLong(2)));
    if (values.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new DynamicProperties(
            values.get("token_id_num"),
            values.get("public_net_usage"),
            values.get("public_net_time"),
            values.get("burned_sun")));
  }

  /** The whole stored head state, to load into memory at start. */
  public synchronized StateChanges loadState() {
    Map<TronAddress, Account> accounts = new HashMap<>();
    query(
        "SELECT body FROM account",
        statement -> {},
        rs -> {
          Account account = Account.parseFrom(rs.getBytes(1));
          accounts.put(TronAddress.of(account.getAddress()), account);
        });
    Map<String, AssetIssueContract> assets = new HashMap<>();
    query(
        "SELECT body FROM asset",
        statement -> {},
        rs -> {
          AssetIssueContract asset = AssetIssueContract.parseFrom(rs.getBytes(1));
          assets.put(asset.getId(), asset);
        });
    Map<TronAddress, SmartContract> contracts = new HashMap<>();
    Map<TronAddress, ByteString> code = new HashMap<>();
    query(
        "SELECT address, body, code FROM contract",
        statement -> {},
        rs -> {
          TronAddress address = TronAddress.of(rs.getBytes(1));
          contracts.put(address, SmartContract.parseFrom(rs.getBytes(2)));
          code.put(address, ByteString.copyFrom(rs.getBytes(3)));
        });
    Map<StorageSlot, ByteString> storage = new HashMap<>();
    query(
        "SELECT address, slot, val FROM storage",
        statement -> {},
        rs ->
            storage.put(
                new StorageSlot(
                    TronAddress.of(rs.getBytes(1)), ByteString.copyFrom(rs.getBytes(2))),
                ByteString.copyFrom(rs.getBytes(3))));
    return new StateChanges(
        accounts,
        assets,
        contracts,
        code,
        storage,
        Set.of(),
        loadDynamic()
            .orElseThrow(
                () -> new StoreException("the chain database has no dynamic properties", null)));
  }

  /** The head block number, or empty for a new database. */
  public synchronized Optional<Long> headNumber() {
    List<Long> head = new ArrayList<>();
    query(
        "SELECT MAX(num) FROM block_header",
        statement -> {},
        rs -> {
          long value = rs.getLong(1);
          if (!rs.wasNull()) {
            head.add(value);
          }
        });
    return head.stream().findFirst();
  }

  /**
   * Ids of the blocks numbered from {@code fromNumber} up, in order: the TaPoS window on restart.
   */
  public synchronized List<Map.Entry<Long, Hash32>> blockIdsFrom(long fromNumber) {
    List<Map.Entry<Long, Hash32>> ids = new ArrayList<>();
    query(
        "SELECT num, id FROM block_header WHERE num >= ? ORDER BY num",
        s -> s.setLong(1, fromNumber),
        rs -> ids.add(Map.entry(rs.getLong(1), Hash32.of(rs.getBytes(2)))));
    return ids;
  }

  /**
   * Ids of stored transactions that have not expired by {@code timeMs}: all a duplicate could
   * match.
   */
  public synchronized Map<Hash32, Long> unexpiredTransactionIds(long timeMs) {
    Map<Hash32, Long> ids = new LinkedHashMap<>();
    query(
        "SELECT id, expiration FROM tx WHERE expiration > ?",
        s -> s.setLong(1, timeMs),
        rs -> ids.put(Hash32.of(rs.getBytes(1)), rs.getLong(2)));
    return ids;
  }

  public synchronized Optional<Block> blockByNumber(long number) {
    List<BlockHeader> headers = new ArrayList<>();
    query(
        "SELECT header FROM block_header WHERE num = ?",
        s -> s.setLong(1, number),
        rs -> headers.add(BlockHeader.parseFrom(rs.getBytes(1))));
    return headers.stream().findFirst().map(header -> withTransactions(header, number));
  }

  public synchronized Optional<Block> blockById(Hash32 id) {
    List<BlockHeader> headers = new ArrayList<>();
    query(
        "SELECT header FROM block_header WHERE id = ?",
        s -> s.setBytes(1, id.toByteArray()),
        rs -> headers.add(BlockHeader.parseFrom(rs.getBytes(1))));
    return headers.stream()
        .findFirst()
        .map(header -> withTransactions(header, header.getRawData().getNumber()));
  }

  private Block withTransactions(BlockHeader header, long number) {
    Block.Builder block = Block.newBuilder().setBlockHeader(header);
    query(
        "SELECT body FROM tx WHERE block_num = ? ORDER BY idx",
        s -> s.setLong(1, number),
        rs -> block.addTransactions(Transaction.parseFrom(rs.getBytes(1))));
    return block.build();
  }

  /** A stored transaction and the number of its block. */
  public record StoredTransaction(Transaction transaction, long blockNumber) {}

  public synchronized Optional<StoredTransaction> transaction(Hash32 id) {
    List<StoredTransaction> found = new ArrayList<>();
    query(
        "SELECT body, block_num FROM tx WHERE id = ?",
        s -> s.setBytes(1, id.toByteArray()),
        rs ->
            found.add(new StoredTransaction(Transaction.parseFrom(rs.getBytes(1)), rs.getLong(2))));
    return found.stream().findFirst();
  }

  public synchronized Optional<TransactionInfo> transactionInfo(Hash32 id) {
    List<TransactionInfo> found = new ArrayList<>();
    query(
        "SELECT info FROM tx WHERE id = ?",
        s -> s.setBytes(1, id.toByteArray()),
        rs -> found.add(TransactionInfo.parseFrom(rs.getBytes(1))));
    return found.stream().findFirst();
  }

  public synchronized List<TransactionInfo> transactionInfos(long blockNumber) {
    List<TransactionInfo> found = new ArrayList<>();
    query(
        "SELECT info FROM tx WHERE block_num = ? ORDER BY idx",
        s -> s.setLong(1, blockNumber),
        rs -> found.add(TransactionInfo.parseFrom(rs.getBytes(1))));
    return found;
  }

  @Override
  public synchronized void close() {
    try {
      reader.close();
      writer.close();
    } catch (SQLException e) {
      throw new StoreException("cannot close the chain database", e);
    }
  }

  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private interface RowReader {
    void read(ResultSet row) throws SQLException, InvalidProtocolBufferException;
  }

  private void query(String sql, Binder binder, RowReader rows) {
    try (PreparedStatement statement = reader.prepareStatement(sql)) {
      binder.bind(statement);
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          rows.read(rs);
        }
      }
    } catch (SQLException | InvalidProtocolBufferException e) {
      throw new StoreException("chain database query failed: " + sql, e);
    }
  }

  private void rollbackQuietly(SQLException cause) {
    try {
      writer.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
