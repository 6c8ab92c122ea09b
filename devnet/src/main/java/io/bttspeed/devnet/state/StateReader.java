package io.bttspeed.devnet.state;

import io.bttspeed.devnet.crypto.TronAddress;
import java.util.Optional;
import org.tron.trident.proto.Contract.AssetIssueContract;
import org.tron.trident.proto.Response.Account;

/** Read access to chain state: what validation and queries need. */
public interface StateReader {
  Optional<Account> account(TronAddress address);

  /** A TRC-10 token by its decimal id, e.g. {@code "1002000"}. */
  Optional<AssetIssueContract> asset(String id);

  DynamicProperties dynamic();
}
