package io.bttspeed.devnet.store;

import io.bttspeed.devnet.crypto.Hash32;
import io.bttspeed.devnet.state.StateChanges;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tron.trident.proto.Chain.Block;
import org.tron.trident.proto.Chain.BlockHeader;
import org.tron.trident.proto.Chain.Transaction;
import org.tron.trident.proto.Response.TransactionInfo;

/**
 * The chain in H2: block headers, transactions with their infos, and the head state (accounts,
 * TRC-10 tokens, dynamic counters). A block and every state change it made are committed in one
 * database transaction, so a restart always finds a consistent chain. Protobuf messages are stored
 * as their own bytes.
 */
public final class ChainStore implements AutoCloseable {
  private final Connection writer;
  private final ReadConnection reader;
  private final StateTables state;

  private ChainStore(Connection writer, ReadConnection reader) {
    this.writer = writer;
    this.reader = reader;
    this.state = new StateTables(writer, reader);
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
      return new ChainStore(writer, new ReadConnection(reader));
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
      state.saveState(changes);
      state.saveDynamic(changes.dynamic());
      writer.commit();
    } catch (SQLException e) {
      rollbackQuietly(e);
      throw new StoreException(
          "cannot commit block " + block.getBlockHeader().getRawData().getNumber(), e);
    }
  }

  /** The whole stored head state, to load into memory at start. */
  public synchronized StateChanges loadState() {
    return state.loadState();
  }

  /** The head block number, or empty for a new database. */
  public synchronized Optional<Long> headNumber() {
    List<Long> head = new ArrayList<>();
    reader.query(
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
    reader.query(
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
    reader.query(
        "SELECT id, expiration FROM tx WHERE expiration > ?",
        s -> s.setLong(1, timeMs),
        rs -> ids.put(Hash32.of(rs.getBytes(1)), rs.getLong(2)));
    return ids;
  }

  public synchronized Optional<Block> blockByNumber(long number) {
    List<BlockHeader> headers = new ArrayList<>();
    reader.query(
        "SELECT header FROM block_header WHERE num = ?",
        s -> s.setLong(1, number),
        rs -> headers.add(BlockHeader.parseFrom(rs.getBytes(1))));
    return headers.stream().findFirst().map(header -> withTransactions(header, number));
  }

  public synchronized Optional<Block> blockById(Hash32 id) {
    List<BlockHeader> headers = new ArrayList<>();
    reader.query(
        "SELECT header FROM block_header WHERE id = ?",
        s -> s.setBytes(1, id.toByteArray()),
        rs -> headers.add(BlockHeader.parseFrom(rs.getBytes(1))));
    return headers.stream()
        .findFirst()
        .map(header -> withTransactions(header, header.getRawData().getNumber()));
  }

  private Block withTransactions(BlockHeader header, long number) {
    Block.Builder block = Block.newBuilder().setBlockHeader(header);
    reader.query(
        "SELECT body FROM tx WHERE block_num = ? ORDER BY idx",
        s -> s.setLong(1, number),
        rs -> block.addTransactions(Transaction.parseFrom(rs.getBytes(1))));
    return block.build();
  }

  /** A stored transaction and the number of its block. */
  public record StoredTransaction(Transaction transaction, long blockNumber) {}

  public synchronized Optional<StoredTransaction> transaction(Hash32 id) {
    List<StoredTransaction> found = new ArrayList<>();
    reader.query(
        "SELECT body, block_num FROM tx WHERE id = ?",
        s -> s.setBytes(1, id.toByteArray()),
        rs ->
            found.add(new StoredTransaction(Transaction.parseFrom(rs.getBytes(1)), rs.getLong(2))));
    return found.stream().findFirst();
  }

  public synchronized Optional<TransactionInfo> transactionInfo(Hash32 id) {
    List<TransactionInfo> found = new ArrayList<>();
    reader.query(
        "SELECT info FROM tx WHERE id = ?",
        s -> s.setBytes(1, id.toByteArray()),
        rs -> found.add(TransactionInfo.parseFrom(rs.getBytes(1))));
    return found.stream().findFirst();
  }

  public synchronized List<TransactionInfo> transactionInfos(long blockNumber) {
    List<TransactionInfo> found = new ArrayList<>();
    reader.query(
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

  private void rollbackQuietly(SQLException cause) {
    try {
      writer.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
