package io.bttspeed.devnet.state;

import com.google.protobuf.ByteString;
import io.bttspeed.tron.address.TronAddress;
import java.util.Map;
import java.util.Set;
import org.tron.trident.proto.Common.SmartContract;
import org.tron.trident.proto.Contract.AssetIssueContract;
import org.tron.trident.proto.Response.Account;

/**
 * What one transaction (or one block) changed: the new value of everything it touched. An empty
 * storage value clears the slot; a deleted account (self-destructed) loses its account, contract,
 * code and storage.
 */
public record StateChanges(
    Map<TronAddress, Account> accounts,
    Map<String, AssetIssueContract> assets,
    Map<TronAddress, SmartContract> contracts,
    Map<TronAddress, ByteString> code,
    Map<StorageSlot, ByteString> storage,
    Set<TronAddress> deleted,
    DynamicProperties dynamic) {

  /** Changes that only touch accounts, tokens and counters (system contracts, genesis). */
  public static StateChanges of(
      Map<TronAddress, Account> accounts,
      Map<String, AssetIssueContract> assets,
      DynamicProperties dynamic) {
    return new StateChanges(accounts, assets, Map.of(), Map.of(), Map.of(), Set.of(), dynamic);
  }
}
