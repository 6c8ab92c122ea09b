package io.bttspeed.devnet.tvm;

import io.bttspeed.devnet.tvm.energy.EnergySchedule;
import io.bttspeed.devnet.tvm.word.Word;
import java.util.Objects;

/**
 * Who runs what under which rules.
 *
 * @param origin the transaction's signer (ORIGIN)
 * @param caller the account calling the contract (CALLER of the top frame; usually the origin)
 * @param energyLimit energy the execution may use
 * @param block the block context
 * @param rootTxId id of the transaction that started execution (seeds CREATE addresses)
 * @param schedule the energy schedule
 * @param staticCall the top frame may not write (as under STATICCALL)
 * @param callEnergy63of64 a call or create keeps 1/64 of the remaining energy (TRON version-1
 *     contracts)
 */
public record ExecutionContext(
    Address origin,
    Address caller,
    long energyLimit,
    VmBlockContext block,
    Word rootTxId,
    EnergySchedule schedule,
    boolean staticCall,
    boolean callEnergy63of64) {

  public ExecutionContext {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(rootTxId, "rootTxId");
    Objects.requireNonNull(schedule, "schedule");
    if (energyLimit < 0) {
      throw new IllegalArgumentException("negative energy limit " + energyLimit);
    }
  }

  /** TRON rules: TRON schedule, not static, 63/64 rule on. */
  public static ExecutionContext tron(
      Address origin, long energyLimit, VmBlockContext block, Word rootTxId) {
    return new ExecutionContext(
        origin, origin, energyLimit, block, rootTxId, EnergySchedule.TRON, false, true);
  }

  public ExecutionContext withEnergyLimit(long limit) {
    return new ExecutionContext(
        origin, caller, limit, block, rootTxId, schedule, staticCall, callEnergy63of64);
  }

  public ExecutionContext withSchedule(EnergySchedule s) {
    return new ExecutionContext(
        origin, caller, energyLimit, block, rootTxId, s, staticCall, callEnergy63of64);
  }

  public ExecutionContext withCallEnergy63of64(boolean on) {
    return new ExecutionContext(
        origin, caller, energyLimit, block, rootTxId, schedule, staticCall, on);
  }

  public ExecutionContext withStaticCall(boolean on) {
    return new ExecutionContext(
        origin, caller, energyLimit, block, rootTxId, schedule, on, callEnergy63of64);
  }
}
