package io.bttspeed.devnet.state;

import com.google.protobuf.ByteString;
import io.bttspeed.tron.address.TronAddress;
import java.util.Optional;
import org.tron.trident.proto.Common.SmartContract;
import org.tron.trident.proto.Contract.AssetIssueContract;
import org.tron.trident.proto.Response.Account;

/** Read access to chain state: what validation, the TVM and queries need. */
public interface StateReader {
  Optional<Account> account(TronAddress address);

  /** A TRC-10 token by its decimal id, e.g. {@code "1002000"}. */
  Optional<AssetIssueContract> asset(String id);

  /** A deployed contract's metadata (ABI, origin, resource settings). */
  Optional<SmartContract> contract(TronAddress address);

  /** A contract's runtime code; empty for accounts without code. */
  ByteString code(TronAddress address);

  /** A 32-byte storage value; empty when the slot is unset (reads as zero). */
  Optional<ByteString> storage(StorageSlot slot);

  DynamicProperties dynamic();
}
