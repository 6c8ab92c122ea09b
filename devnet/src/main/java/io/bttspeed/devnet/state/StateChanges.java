package io.bttspeed.devnet.state;

import io.bttspeed.devnet.crypto.TronAddress;
import java.util.Map;
import org.tron.trident.proto.Contract.AssetIssueContract;
import org.tron.trident.proto.Response.Account;

/** What one transaction (or one block) changed: the new values of every account and token it touched. */
public record StateChanges(
    Map<TronAddress, Account> accounts, Map<String, AssetIssueContract> assets, DynamicProperties dynamic) {}
