package io.bttspeed.devnet.state;

import io.bttspeed.devnet.crypto.TronAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.tron.trident.proto.Contract.AssetIssueContract;
import org.tron.trident.proto.Response.Account;

/**
 * The state as one transaction sees it while it runs: reads fall through to the head state, writes stay here
 * until {@link #changes()} hands them over. A rejected transaction's scope is simply dropped, which is how a
 * rejection leaves no trace.
 */
public final class TxScope implements StateReader {
  private final StateReader base;
  private final Map<TronAddress, Account> accounts = new HashMap<>();
  private final Map<String, AssetIssueContract> assets = new HashMap<>();
  private DynamicProperties dynamic;

  public TxScope(StateReader base) {
    this.base = base;
    this.dynamic = base.dynamic();
  }

  @Override
  public Optional<Account> account(TronAddress address) {
    Account written = accounts.get(address);
    return written != null ? Optional.of(written) : base.account(address);
  }

  @Override
  public Optional<AssetIssueContract> asset(String id) {
    AssetIssueContract written = assets.get(id);
    return written != null ? Optional.of(written) : base.asset(id);
  }

  @Override
  public DynamicProperties dynamic() {
    return dynamic;
  }

  public void putAccount(Account account) {
    accounts.put(TronAddress.of(account.getAddress()), account);
  }

  public void putAsset(AssetIssueContract asset) {
    assets.put(asset.getId(), asset);
  }

  public void setDynamic(DynamicProperties dynamic) {
    this.dynamic = dynamic;
  }

  /** Burns sun from an account that is known to hold it, counting it in the chain's burned total. */
  public void burn(TronAddress from, long sun) {
    if (sun == 0) {
      return;
    }
    Account account = account(from).orElseThrow();
    putAccount(account.toBuilder().setBalance(Math.subtractExact(account.getBalance(), sun)).build());
    dynamic = dynamic.withBurned(sun);
  }

  public StateChanges changes() {
    return new StateChanges(Map.copyOf(accounts), Map.copyOf(assets), dynamic);
  }
}
