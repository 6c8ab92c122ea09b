package io.bttspeed.devnet.tvm.state;

import io.bttspeed.devnet.tvm.Address;
import io.bttspeed.devnet.tvm.word.Word;
import java.util.Map;

/**
 * The chain's state as the VM reads it: read-only, 20-byte addresses, amounts in base units. The VM
 * never writes here; it returns {@link VmStateChanges} for the chain to apply.
 */
public interface StateBackend {

  boolean exists(Address address);

  /** TRX balance in sun; zero for a missing account. */
  long balance(Address address);

  /** TRC-10 balance of {@code tokenId} in the token's base units; zero when absent. */
  long tokenBalance(Address address, long tokenId);

  /**
   * Every non-zero TRC-10 balance of the account (SELFDESTRUCT hands them all to the beneficiary).
   */
  Map<Long, Long> tokenBalances(Address address);

  /** Runtime code; empty for an account without code or a missing account. */
  byte[] code(Address address);

  /** A storage slot; {@link Word#ZERO} when unset. */
  Word storage(Address address, Word key);

  /** The id of block {@code number}; {@link Word#ZERO} when unknown. */
  Word blockHash(long number);
}
