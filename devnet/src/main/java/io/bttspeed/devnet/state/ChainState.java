package io.bttspeed.devnet.state;

import io.bttspeed.devnet.crypto.TronAddress;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.tron.trident.proto.Contract.AssetIssueContract;
import org.tron.trident.proto.Response.Account;

/**
 * The node's current state: every account, every TRC-10 token and the dynamic counters, including the effects
 * of transactions still waiting for a block (as java-tron's pending state does). It also remembers what changed
 * since the last block, so a block persists exactly what it changed. Callers hold the node's lock.
 */
public final class ChainState implements StateReader {
  private final Map<TronAddress, Account> accounts = new HashMap<>();
  private final Map<String, AssetIssueContract> assets = new HashMap<>();
  private final Map<String, String> assetIdsByName = new HashMap<>();
  private final Map<TronAddress, Account> changedAccounts = new LinkedHashMap<>();
  private final Map<String, AssetIssueContract> changedAssets = new LinkedHashMap<>();
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
  public DynamicProperties dynamic() {
    return dynamic;
  }

  public void apply(StateChanges changes) {
    changes.accounts().values().forEach(this::putAccount);
    changes.assets().values().forEach(this::putAsset);
    dynamic = changes.dynamic();
  }

  /** Loads state without marking it changed: used when reading the chain back from its store. */
  public void load(Iterable<Account> storedAccounts, Iterable<AssetIssueContract> storedAssets) {
    storedAccounts.forEach(a -> accounts.put(TronAddress.of(a.getAddress()), a));
    storedAssets.forEach(a -> {
      assets.put(a.getId(), a);
      assetIdsByName.put(a.getName().toStringUtf8(), a.getId());
    });
  }

  /** Hands over everything changed since the last call, for the block being sealed. */
  public StateChanges drainChanges() {
    StateChanges drained = new StateChanges(
        Map.copyOf(changedAccounts), Map.copyOf(changedAssets), dynamic);
    changedAccounts.clear();
    changedAssets.clear();
    return drained;
  }

  public int accountCount() {
    return accounts.size();
  }

  private void putAccount(Account account) {
    TronAddress address = TronAddress.of(account.getAddress());
    accounts.put(address, account);
    changedAccounts.put(address, account);
  }

  private void putAsset(AssetIssueContract asset) {
    assets.put(asset.getId(), asset);
    assetIdsByName.put(asset.getName().toStringUtf8(), asset.getId());
    changedAssets.put(asset.getId(), asset);
  }
}
