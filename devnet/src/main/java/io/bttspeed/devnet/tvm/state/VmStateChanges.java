package io.bttspeed.devnet.tvm.state;

import io.bttspeed.devnet.tvm.Address;
import io.bttspeed.devnet.tvm.word.Word;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The net effect of an execution for the chain to apply: final values, not deltas. A storage value
 * of {@link Word#ZERO} means the slot is cleared. Accounts in {@code createdAccounts} did not exist
 * before (made by a value transfer or a creation); accounts in {@code deletedAccounts}
 * self-destructed and are removed last.
 */
public record VmStateChanges(
    Map<Address, Long> balances,
    Map<Address, Map<Long, Long>> tokenBalances,
    Map<Address, Map<Word, Word>> storage,
    List<NewContract> newContracts,
    Set<Address> createdAccounts,
    Set<Address> deletedAccounts) {

  public static final VmStateChanges NONE =
      new VmStateChanges(Map.of(), Map.of(), Map.of(), List.of(), Set.of(), Set.of());

  public boolean isEmpty() {
    return balances.isEmpty()
        && tokenBalances.isEmpty()
        && storage.isEmpty()
        && newContracts.isEmpty()
        && createdAccounts.isEmpty()
        && deletedAccounts.isEmpty();
  }
}
