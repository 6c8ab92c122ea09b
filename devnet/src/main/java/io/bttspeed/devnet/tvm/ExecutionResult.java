package io.bttspeed.devnet.tvm;

import io.bttspeed.devnet.tvm.state.VmStateChanges;
import java.util.List;
import java.util.Optional;

/**
 * What an execution hands the chain.
 *
 * @param outcome success, revert, or exceptional halt
 * @param haltReason why it halted; present only for {@link Outcome#HALT}
 * @param energyUsed energy consumed (the whole limit after an exceptional halt)
 * @param returnData RETURN output, the runtime code of a created contract, or REVERT data
 * @param contractAddress the created contract (creations only)
 * @param logs logs of a successful execution
 * @param internalTransactions every internal call, creation and self-destruct, rejected ones
 *     flagged
 * @param changes state changes to apply; empty unless the outcome is success (and always in
 *     constant mode)
 */
public record ExecutionResult(
    Outcome outcome,
    Optional<HaltReason> haltReason,
    long energyUsed,
    byte[] returnData,
    Optional<Address> contractAddress,
    List<LogEntry> logs,
    List<InternalTransaction> internalTransactions,
    VmStateChanges changes) {

  public ExecutionResult {
    returnData = returnData.clone();
    logs = List.copyOf(logs);
    internalTransactions = List.copyOf(internalTransactions);
  }

  @Override
  public byte[] returnData() {
    return returnData.clone();
  }

  public boolean isSuccess() {
    return outcome == Outcome.SUCCESS;
  }
}
