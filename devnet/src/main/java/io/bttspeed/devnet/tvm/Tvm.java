package io.bttspeed.devnet.tvm;

import io.bttspeed.devnet.tvm.exec.Code;
import io.bttspeed.devnet.tvm.exec.Execution;
import io.bttspeed.devnet.tvm.exec.FrameResult;
import io.bttspeed.devnet.tvm.exec.Message;
import io.bttspeed.devnet.tvm.state.StateBackend;
import io.bttspeed.devnet.tvm.state.VmStateChanges;
import io.bttspeed.devnet.tvm.state.WorldState;
import java.util.List;
import java.util.Optional;

/**
 * The TVM's entry points. Each execution reads {@link StateBackend} through a fresh journaled
 * overlay and returns the net {@link VmStateChanges} instead of writing, so the chain decides
 * whether and when to apply them. Stateless and thread-safe: one instance serves every transaction.
 */
public final class Tvm {

  private static final byte[] EMPTY = new byte[0];

  /**
   * A creation transaction: the contract's address is keccak256(rootTxId ‖ 0x41 ‖ caller)[12..];
   * the result's {@code returnData} is the runtime code on success.
   */
  public ExecutionResult create(
      StateBackend state, ExecutionContext context, CreateRequest request) {
    Address address = ContractAddresses.forCreateTransaction(context.rootTxId(), context.caller());
    WorldState world = new WorldState(state);
    Execution execution = new Execution(context, world);
    if (context.staticCall()) {
      return failure(execution, HaltReason.STATIC_CALL_MODIFICATION, context.energyLimit());
    }
    if (world.balance(context.caller()) < request.callValueSun()
        || world.tokenBalance(context.caller(), request.tokenId()) < request.tokenValue()) {
      return failure(execution, HaltReason.INSUFFICIENT_BALANCE, 0);
    }
    FrameResult result =
        execution
            .calls()
            .construct(
                context.caller(),
                address,
                request.callValueSun(),
                request.tokenValue(),
                request.tokenId(),
                request.initCode(),
                0,
                context.energyLimit());
    return finish(execution, result, Optional.of(address), false);
  }

  /** A message call: moves the value and tokens, then runs the callee's code if it has any. */
  public ExecutionResult call(StateBackend state, ExecutionContext context, CallRequest request) {
    return call(state, context, request, false);
  }

  /**
   * Runs a call as TriggerConstantContract does: everything is computed (return data, energy, logs)
   * and the state changes are discarded.
   */
  public ExecutionResult constantCall(
      StateBackend state, ExecutionContext context, CallRequest request) {
    return call(state, context, request, true);
  }

  private ExecutionResult call(
      StateBackend state, ExecutionContext context, CallRequest request, boolean constant) {
    WorldState world = new WorldState(state);
    Execution execution = new Execution(context, world);
    Address caller = context.caller();
    Address to = request.to();
    if (!world.transfer(caller, to, request.callValueSun())
        || (request.tokenValue() > 0
            && !world.transferToken(caller, to, request.tokenId(), request.tokenValue()))) {
      return failure(execution, HaltReason.INSUFFICIENT_BALANCE, 0);
    }
    byte[] code = world.code(to);
    Message message =
        new Message(
            to,
            caller,
            request.callValueSun(),
            request.tokenValue(),
            request.tokenId(),
            request.data(),
            0,
            context.staticCall());
    FrameResult result =
        code.length == 0
            ? new FrameResult(Outcome.SUCCESS, null, context.energyLimit(), EMPTY)
            : execution.calls().runFrame(message, new Code(code), context.energyLimit());
    return finish(execution, result, Optional.empty(), constant);
  }

  /**
   * Runs {@code code} as the code of {@code self} without moving any value (the value is taken as
   * already received). The conformance suite's single-frame tests use this.
   */
  public ExecutionResult executeCode(
      StateBackend state,
      ExecutionContext context,
      Address self,
      byte[] code,
      byte[] data,
      long callValueSun) {
    Execution execution = new Execution(context, new WorldState(state));
    Message message =
        new Message(
            self, context.caller(), callValueSun, 0, 0, data.clone(), 0, context.staticCall());
    FrameResult result =
        execution.calls().runFrame(message, new Code(code.clone()), context.energyLimit());
    return finish(execution, result, Optional.empty(), false);
  }

  private static ExecutionResult failure(Execution execution, HaltReason reason, long energyUsed) {
    return new ExecutionResult(
        Outcome.HALT,
        Optional.of(reason),
        energyUsed,
        EMPTY,
        Optional.empty(),
        List.of(),
        execution.trace().internalTransactions(),
        VmStateChanges.NONE);
  }

  private static ExecutionResult finish(
      Execution execution, FrameResult result, Optional<Address> created, boolean constant) {
    long limit = execution.context().energyLimit();
    long used = limit - result.energyLeft();
    if (!result.isSuccess()) {
      execution.trace().rejectAll();
      return new ExecutionResult(
          result.outcome(),
          Optional.ofNullable(result.haltReason()),
          used,
          result.output(),
          Optional.empty(),
          List.of(),
          execution.trace().internalTransactions(),
          VmStateChanges.NONE);
    }
    return new ExecutionResult(
        Outcome.SUCCESS,
        Optional.empty(),
        used,
        result.output(),
        created,
        execution.trace().logs(),
        execution.trace().internalTransactions(),
        constant ? VmStateChanges.NONE : execution.world().changes());
  }
}
