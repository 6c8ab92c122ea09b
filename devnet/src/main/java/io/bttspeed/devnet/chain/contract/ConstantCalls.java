package io.bttspeed.devnet.chain.contract;

import io.bttspeed.devnet.chain.BlockContext;
import io.bttspeed.devnet.chain.ChainParameters;
import io.bttspeed.devnet.chain.Rejection;
import io.bttspeed.devnet.crypto.Hash32;
import io.bttspeed.devnet.state.StateReader;
import io.bttspeed.devnet.tvm.Address;
import io.bttspeed.devnet.tvm.ExecutionContext;
import io.bttspeed.devnet.tvm.ExecutionResult;
import io.bttspeed.devnet.tvm.word.Word;
import io.bttspeed.tron.address.TronAddress;
import org.tron.trident.proto.Contract.TriggerSmartContract;
import org.tron.trident.proto.Response.TransactionReturn.response_code;

/**
 * TriggerConstantContract and EstimateEnergy: a call run on the current state with java-tron's
 * constant-call energy allowance, its effects discarded.
 */
public final class ConstantCalls {
  private final ChainParameters parameters;
  private final VmEnvironment environment;

  public ConstantCalls(ChainParameters parameters, VmEnvironment environment) {
    this.parameters = parameters;
    this.environment = environment;
  }

  /** Runs the call and reports what it would do; throws when the call itself is invalid. */
  public VmReceipt call(
      TriggerSmartContract contract, StateReader state, BlockContext block, Hash32 txId)
      throws Rejection {
    TriggerSmartContractActuator.validateCall(contract, parameters, state);
    return VmReceipt.of(
        run(contract, state, block, txId, VmEnvironment.CONSTANT_CALL_ENERGY),
        0,
        txId,
        TronAddress.of(contract.getContractAddress()));
  }

  /**
   * The least energy limit with which the call succeeds: the energy it used when that is enough,
   * else found by bisection (the 63/64 rule can make a call need more than it ends up using).
   */
  public long estimate(
      TriggerSmartContract contract, StateReader state, BlockContext block, Hash32 txId)
      throws Rejection {
    TriggerSmartContractActuator.validateCall(contract, parameters, state);
    ExecutionResult full = run(contract, state, block, txId, VmEnvironment.CONSTANT_CALL_ENERGY);
    if (!full.isSuccess()) {
      VmReceipt receipt =
          VmReceipt.of(full, 0, txId, TronAddress.of(contract.getContractAddress()));
      throw new Rejection(response_code.CONTRACT_EXE_ERROR, receipt.message());
    }
    long low = full.energyUsed();
    if (run(contract, state, block, txId, low).isSuccess()) {
      return low;
    }
    long high = VmEnvironment.CONSTANT_CALL_ENERGY;
    while (high - low > 1) {
      long middle = low + (high - low) / 2;
      if (run(contract, state, block, txId, middle).isSuccess()) {
        high = middle;
      } else {
        low = middle;
      }
    }
    return high;
  }

  private ExecutionResult run(
      TriggerSmartContract contract,
      StateReader state,
      BlockContext block,
      Hash32 txId,
      long energyLimit) {
    ExecutionContext context =
        ExecutionContext.tron(
            Address.fromTron(contract.getOwnerAddress().toByteArray()),
            energyLimit,
            environment.blockFor(block),
            Word.fromBytes(txId.toByteArray()));
    return environment
        .tvm()
        .constantCall(
            new VmStateView(state, environment.blockHashes()),
            context,
            TriggerSmartContractActuator.request(contract));
  }
}
