package io.bttspeed.devnet.state;

import com.google.protobuf.ByteString;
import io.bttspeed.tron.address.TronAddress;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tron.trident.proto.Common.SmartContract;
import org.tron.trident.proto.Contract.AssetIssueContract;
import org.tron.trident.proto.Response.Account;

/**
 * The state as one transaction sees it while it runs: reads fall through to the head state, writes
 * stay here until {@link #changes()} hands them over. A rejected transaction's scope is simply
 * dropped, which is how a rejection leaves no trace.
 */
public final class TxScope implements StateReader {
  private final StateReader base;
  private final Map<TronAddress, Account> accounts = new HashMap<>();
  private final Map<String, AssetIssueContract> assets = new HashMap<>();
  private final Map<TronAddress, SmartContract> contracts = new HashMap<>();
  private final Map<TronAddress, ByteString> code = new HashMap<>();
  private final Map<StorageSlot, ByteString> storage = new HashMap<>();
  private final Set<TronAddress> deleted = new HashSet<>();
  private DynamicProperties dynamic;

  public TxScope(StateReader base) {
    this.base = base;
    this.dynamic = base.dynamic();
  }

  @Override
  public Optional<Account> account(TronAddress address) {
    Account written = accounts.get(address);
    if (written != null) {
      return Optional.of(written);
    }
    return deleted.contains(address) ? Optional.empty() : base.account(address);
  }

  @Override
  public Optional<AssetIssueContract> asset(String id) {
    AssetIssueContract written = assets.get(id);
    return written != null ? Optional.of(written) : base.asset(id);
  }

  @Override
  public Optional<SmartContract> contract(TronAddress address) {
    SmartContract written = contracts.get(address);
    if (written != null) {
      return Optional.of(written);
    }
    return deleted.contains(address) ? Optional.empty() : base.contract(address);
  }

  @Override
  public ByteString code(TronAddress address) {
    ByteString written = code.get(address);
    if (written != null) {
      return written;
    }
    return deleted.contains(address) ? ByteString.EMPTY : base.code(address);
  }

  @Override
  public Optional<ByteString> storage(StorageSlot slot) {
    ByteString written = storage.get(slot);
    if (written != null) {
      return written.isEmpty() ? Optional.empty() : Optional.of(written);
    }
    return deleted.contains(slot.contract()) ? Optional.empty() : base.storage(slot);
  }

  @Override
  public DynamicProperties dynamic() {
    return dynamic;
  }

  public void putAccount(Account account) {
    TronAddress address = TronAddress.of(account.getAddress());
    accounts.put(address, account);
    deleted.remove(address);
  }

  public void putAsset(AssetIssueContract asset) {
    assets.put(asset.getId(), asset);
  }

  public void putContract(TronAddress address, SmartContract contract, ByteString runtimeCode) {
    contracts.put(address, contract);
    code.put(address, runtimeCode);
  }

  /** Writes a storage slot; an empty value clears it. */
  public void putStorage(StorageSlot slot, ByteString value) {
    storage.put(slot, value);
  }

  /** Removes an account with its contract, code and storage (SELFDESTRUCT). */
  public void delete(TronAddress address) {
    accounts.remove(address);
    contracts.remove(address);
    code.remove(address);
    storage.keySet().removeIf(slot -> slot.contract().equals(address));
    deleted.add(address);
  }

  public void setDynamic(DynamicProperties dynamic) {
    this.dynamic = dynamic;
  }

  /**
   * Burns sun from an account that is known to hold it, counting it in the chain's burned total.
   */
  public void burn(TronAddress from, long sun) {
    if (sun == 0) {
      return;
    }
    Account account = account(from).orElseThrow();
    putAccount(
        account.toBuilder().setBalance(Math.subtractExact(account.getBalance(), sun)).build());
    dynamic = dynamic.withBurned(sun);
  }

  public StateChanges changes() {
    return new StateChanges(
        Map.copyOf(accounts),
        Map.copyOf(assets),
        Map.copyOf(contracts),
        Map.copyOf(code),
        Map.copyOf(storage),
        Set.copyOf(deleted),
        dynamic);
  }
}
