package io.bttspeed.devnet.state;

import com.google.protobuf.ByteString;
import io.bttspeed.tron.address.TronAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tron.trident.proto.Common.SmartContract;
import org.tron.trident.proto.Contract.AssetIssueContract;
import org.tron.trident.proto.Response.Account;

/**
 * The node's current state: accounts, TRC-10 tokens, contracts with their code and storage, and the
 * dynamic counters, including the effects of transactions still waiting for a block (as java-tron's
 * pending state does). It also remembers what changed since the last block, so a block persists
 * exactly what it changed. Callers hold the node's lock.
 */
public final class ChainState implements StateReader {
  private final Map<TronAddress, Account> accounts = new HashMap<>();
  private final Map<String, AssetIssueContract> assets = new HashMap<>();
  private final Map<String, String> assetIdsByName = new HashMap<>();
  private final Map<TronAddress, SmartContract> contracts = new HashMap<>();
  private final Map<TronAddress, ByteString> code = new HashMap<>();
  private final Map<StorageSlot, ByteString> storage = new HashMap<>();
  private final Map<TronAddress, Account> changedAccounts = new LinkedHashMap<>();
  private final Map<String, AssetIssueContract> changedAssets = new LinkedHashMap<>();
  private final Map<TronAddress, SmartContract> changedContracts = new LinkedHashMap<>();
  private final Map<TronAddress, ByteString> changedCode = new LinkedHashMap<>();
  private final Map<StorageSlot, ByteString> changedStorage = new LinkedHashMap<>();
  private final Set<TronAddress> deletedAccounts = new LinkedHashSet<>();
  private DynamicProperties dynamic;

  public ChainState(DynamicProperties dynamic) {
    this.dynamic = dynamic;
  }

  @Override
  public Optional<Account> account(TronAddress address) {
    return Optional.ofNullable(accounts.get(address));
  }

  @Override
  public Optional<AssetIssueContract> asset(String id) {
    return Optional.ofNullable(assets.get(id));
  }

  public Optional<AssetIssueContract> assetByName(String name) {
    return Optional.ofNullable(assetIdsByName.get(name)).map(assets::get);
  }

  @Override
  public Optional<SmartContract> contract(TronAddress address) {
    return Optional.ofNullable(contracts.get(address));
  }

  @Override
  public ByteString code(TronAddress address) {
    return code.getOrDefault(address, ByteString.EMPTY);
  }

  @Override
  public Optional<ByteString> storage(StorageSlot slot) {
    return Optional.ofNullable(storage.get(slot));
  }

  @Override
  public DynamicProperties dynamic() {
    return dynamic;
  }

  public void apply(StateChanges changes) {
    for (TronAddress address : changes.deleted()) {
      accounts.remove(address);
      contracts.remove(address);
      code.remove(address);
      storage.keySet().removeIf(slot -> slot.contract().equals(address));
      changedAccounts.remove(address);
      changedContracts.remove(address);
      changedCode.remove(address);
      changedStorage.keySet().removeIf(slot -> slot.contract().equals(address));
      deletedAccounts.add(address);
    }
    changes
        .accounts()
        .forEach(
            (address, account) -> {
              accounts.put(address, account);
              changedAccounts.put(address, account);
              deletedAccounts.remove(address);
            });
    changes
        .assets()
        .values()
        .forEach(
            asset -> {
              assets.put(asset.getId(), asset);
              assetIdsByName.put(asset.getName().toStringUtf8(), asset.getId());
              changedAssets.put(asset.getId(), asset);
            });
    contracts.putAll(changes.contracts());
    changedContracts.putAll(changes.contracts());
    code.putAll(changes.code());
    changedCode.putAll(changes.code());
    changes
        .storage()
        .forEach(
            (slot, value) -> {
              if (value.isEmpty()) {
                storage.remove(slot);
              } else {
                storage.put(slot, value);
              }
              changedStorage.put(slot, value);
            });
    dynamic = changes.dynamic();
  }

  /** Loads state without marking it changed: used when reading the chain back from its store. */
  public void load(StateChanges stored) {
    stored.accounts().forEach(accounts::put);
    stored
        .assets()
        .values()
        .forEach(
            a -> {
              assets.put(a.getId(), a);
              assetIdsByName.put(a.getName().toStringUtf8(), a.getId());
            });
    contracts.putAll(stored.contracts());
    code.putAll(stored.code());
    storage.putAll(stored.storage());
  }

  /** Hands over everything changed since the last call, for the block being sealed. */
  public StateChanges drainChanges() {
    StateChanges drained =
        new StateChanges(
            Map.copyOf(changedAccounts),
            Map.copyOf(changedAssets),
            Map.copyOf(changedContracts),
            Map.copyOf(changedCode),
            Map.copyOf(changedStorage),
            Set.copyOf(deletedAccounts),
            dynamic);
    changedAccounts.clear();
    changedAssets.clear();
    changedContracts.clear();
    changedCode.clear();
    changedStorage.clear();
    deletedAccounts.clear();
    return drained;
  }
}
