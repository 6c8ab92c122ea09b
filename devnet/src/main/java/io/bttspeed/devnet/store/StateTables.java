package io.bttspeed.devnet.store;

import com.google.protobuf.ByteString;
import io.bttspeed.devnet.state.DynamicProperties;
import io.bttspeed.devnet.state.StateChanges;
import io.bttspeed.devnet.state.StorageSlot;
import io.bttspeed.tron.address.TronAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tron.trident.proto.Common.SmartContract;
import org.tron.trident.proto.Contract.AssetIssueContract;
import org.tron.trident.proto.Response.Account;

/**
 * The head state's tables (accounts, TRC-10 tokens, contracts with their code and storage, dynamic
 * counters): a block's state changes written in its database transaction, and the whole state read
 * back at start. Callers hold the store's lock.
 */
final class StateTables {
  private final Connection writer;
  private final ReadConnection reader;

  StateTables(Connection writer, ReadConnection reader) {
    this.writer = writer;
    this.reader = reader;
  }

  void saveState(StateChanges changes) throws SQLException {
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

  void saveDynamic(DynamicProperties dynamic) throws SQLException {
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
    reader.query(
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
  StateChanges loadState() {
    Map<TronAddress, Account> accounts = new HashMap<>();
    reader.query(
        "SELECT body FROM account",
        statement -> {},
        rs -> {
          Account account = Account.parseFrom(rs.getBytes(1));
          accounts.put(TronAddress.of(account.getAddress()), account);
        });
    Map<String, AssetIssueContract> assets = new HashMap<>();
    reader.query(
        "SELECT body FROM asset",
        statement -> {},
        rs -> {
          AssetIssueContract asset = AssetIssueContract.parseFrom(rs.getBytes(1));
          assets.put(asset.getId(), asset);
        });
    Map<TronAddress, SmartContract> contracts = new HashMap<>();
    Map<TronAddress, ByteString> code = new HashMap<>();
    reader.query(
        "SELECT address, body, code FROM contract",
        statement -> {},
        rs -> {
          TronAddress address = TronAddress.of(rs.getBytes(1));
          contracts.put(address, SmartContract.parseFrom(rs.getBytes(2)));
          code.put(address, ByteString.copyFrom(rs.getBytes(3)));
        });
    Map<StorageSlot, ByteString> storage = new HashMap<>();
    reader.query(
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
}
