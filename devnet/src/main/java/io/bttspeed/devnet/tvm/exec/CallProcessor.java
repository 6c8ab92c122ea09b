package io.bttspeed.devnet.tvm.exec;

import io.bttspeed.devnet.tvm.Address;
import io.bttspeed.devnet.tvm.ContractAddresses;
import io.bttspeed.devnet.tvm.HaltReason;
import io.bttspeed.devnet.tvm.InternalTransaction.Note;
import io.bttspeed.devnet.tvm.Outcome;
import io.bttspeed.devnet.tvm.energy.EnergySchedule;
import io.bttspeed.devnet.tvm.exec.CallSpec.CallKind;
import io.bttspeed.devnet.tvm.precompile.Precompile;
import io.bttspeed.devnet.tvm.precompile.Precompiles;
import io.bttspeed.devnet.tvm.state.WorldState;
import io.bttspeed.devnet.tvm.word.Word;
import java.util.Optional;

/**
 * Runs nested frames for CALL-family and CREATE-family instructions, following java-tron's {@code
 * Program}: value moves first, the callee runs on a checkpoint of the world state, and a failed
 * callee's writes, logs and internal transactions are rolled back (the internal transactions stay,
 * flagged rejected).
 */
public final class CallProcessor {

  private static final byte[] EMPTY = new byte[0];

  private final Execution execution;

  CallProcessor(Execution execution) {
    this.execution = execution;
  }

  /** Runs code in a fresh frame; a halt becomes a result with no energy left. */
  public FrameResult runFrame(Message message, Code code, long energy) {
    Frame frame = new Frame(execution, message, code, energy);
    try {
      Interpreter.run(frame);
    } catch (Halt halt) {
      return FrameResult.halted(halt.reason());
    }
    Outcome outcome = frame.isReverted() ? Outcome.REVERT : Outcome.SUCCESS;
    return new FrameResult(outcome, null, frame.energyLeft(), frame.output());
  }

  /** Performs a paid-for call from {@code parent}, pushing 1 or 0 onto its stack. */
  public void call(Frame parent, CallSpec spec) {
    parent.setReturnData(EMPTY);
    Message caller = parent.message();
    if (caller.depth() >= Execution.MAX_DEPTH) {
      parent.stack().pushLong(0);
      parent.refundEnergy(spec.energy());
      return;
    }
    WorldState world = execution.world();
    Address sender = caller.address();
    Address context = spec.kind().runsInCallerContext() ? sender : spec.codeAddress();
    boolean tokenTransfer = spec.kind() == CallKind.CALLTOKEN;
    long available =
        tokenTransfer ? world.tokenBalance(sender, spec.tokenId()) : world.balance(sender);
    if (available < spec.value()) {
      parent.stack().pushLong(0);
      parent.refundEnergy(spec.energy());
      return;
    }
    int checkpoint = world.checkpoint();
    ExecutionTrace.Mark mark = execution.trace().mark();
    transfer(sender, context, spec.value(), spec.tokenId(), tokenTransfer);

    Optional<Precompile> precompile = Precompiles.forAddress(spec.codeAddress());
    if (precompile.isPresent()) {
      callPrecompile(parent, spec, precompile.get(), checkpoint);
      return;
    }
    execution
        .trace()
        .record(
            sender,
            context,
            tokenTransfer ? 0 : spec.value(),
            tokenTransfer ? spec.tokenId() : 0,
            tokenTransfer ? spec.value() : 0,
            spec.input(),
            Note.CALL);
    byte[] code = world.code(spec.codeAddress());
    if (code.length == 0) {
      parent.stack().pushLong(1);
      parent.refundEnergy(spec.energy());
      return;
    }
    boolean delegate = spec.kind() == CallKind.DELEGATECALL;
    Message message =
        new Message(
            context,
            delegate ? caller.caller() : sender,
            delegate ? caller.callValueSun() : (tokenTransfer ? 0 : spec.value()),
            tokenTransfer ? spec.value() : 0,
            tokenTransfer ? spec.tokenId() : 0,
            spec.input(),
            caller.depth() + 1,
            caller.isStatic() || spec.kind() == CallKind.STATICCALL);
    FrameResult result = runFrame(message, new Code(code), spec.energy());
    if (result.isSuccess()) {
      parent.stack().pushLong(1);
    } else {
      world.revertTo(checkpoint);
      execution.trace().rollback(mark);
      parent.stack().pushLong(0);
      if (result.outcome() == Outcome.HALT) {
        return;
      }
    }
    byte[] out = result.output();
    parent.memory().write(spec.outOffset(), out, 0, Math.min(spec.outSize(), out.length));
    parent.setReturnData(out);
    parent.refundEnergy(result.energyLeft());
  }

  private void callPrecompile(Frame parent, CallSpec spec, Precompile precompile, int checkpoint) {
    long required = precompile.energy(spec.input());
    Optional<byte[]> out =
        required > spec.energy() ? Optional.empty() : precompile.run(spec.input());
    if (out.isEmpty()) {
      execution.world().revertTo(checkpoint);
      parent.stack().pushLong(0);
      return;
    }
    byte[] output = out.get();
    parent.stack().pushLong(1);
    parent.refundEnergy(spec.energy() - required);
    parent.setReturnData(output);
    parent.memory().write(spec.outOffset(), output, 0, Math.min(spec.outSize(), output.length));
  }

  private void transfer(Address from, Address to, long value, long tokenId, boolean token) {
    if (value == 0 || from.equals(to)) {
      return;
    }
    WorldState world = execution.world();
    boolean moved =
        token ? world.transferToken(from, to, tokenId, value) : world.transfer(from, to, value);
    if (!moved) {
      throw new IllegalStateException("balance checked before the transfer");
    }
  }

  /**
   * CREATE ({@code salt} null) or CREATE2 from {@code parent}: pushes the new address, or 0 on
   * failure. {@code value} is already known to fit a long.
   */
  public void create(Frame parent, long value, byte[] initCode, Word salt) {
    parent.setReturnData(EMPTY);
    Message caller = parent.message();
    if (caller.depth() >= Execution.MAX_DEPTH) {
      parent.stack().pushLong(0);
      return;
    }
    WorldState world = execution.world();
    Address sender = caller.address();
    if (world.balance(sender) < value) {
      parent.stack().pushLong(0);
      return;
    }
    Address address =
        salt == null
            ? ContractAddresses.forCreate(execution.context().rootTxId(), execution.trace().nonce())
            : ContractAddresses.forCreate2(sender, salt, initCode);
    int checkpoint = world.checkpoint();
    ExecutionTrace.Mark mark = execution.trace().mark();
    long energy = execution.forwardable(parent.energyLeft());
    parent.useEnergy(energy);
    execution.trace().record(sender, address, value, 0, 0, initCode, Note.CREATE);
    FrameResult result =
        construct(sender, address, value, 0, 0, initCode, caller.depth() + 1, energy);
    if (result.isSuccess()) {
      parent.stack().pushAddress(address);
    } else {
      world.revertTo(checkpoint);
      execution.trace().rollback(mark);
      parent.stack().pushLong(0);
      if (result.outcome() == Outcome.REVERT) {
        parent.setReturnData(result.output());
      }
    }
    parent.refundEnergy(result.energyLeft());
  }

  /**
   * Creates a contract at {@code address}, runs its init code and stores the runtime code it
   * returns. The caller records the internal transaction (creation transactions have none) and
   * rolls back on failure.
   */
  public FrameResult construct(
      Address creator,
      Address address,
      long value,
      long tokenValue,
      long tokenId,
      byte[] initCode,
      int depth,
      long energy) {
    WorldState world = execution.world();
    if (world.isContract(address)) {
      return FrameResult.halted(HaltReason.CONTRACT_EXISTS);
    }
    world.createContract(address, creator);
    if (!world.transfer(creator, address, value)
        || (tokenValue > 0 && !world.transferToken(creator, address, tokenId, tokenValue))) {
      return FrameResult.halted(HaltReason.INSUFFICIENT_BALANCE);
    }
    Message message =
        new Message(address, creator, value, tokenValue, tokenId, EMPTY, depth, false);
    FrameResult result = runFrame(message, new Code(initCode), energy);
    if (!result.isSuccess()) {
      return result;
    }
    byte[] code = result.output();
    if (code.length > 0 && code[0] == (byte) 0xEF) {
      return FrameResult.halted(HaltReason.INVALID_CODE_PREFIX);
    }
    long deposit = code.length * EnergySchedule.CREATE_DATA_BYTE;
    if (deposit > result.energyLeft()) {
      return FrameResult.halted(HaltReason.OUT_OF_ENERGY);
    }
    world.saveCode(address, code);
    return new FrameResult(Outcome.SUCCESS, null, result.energyLeft() - deposit, code);
  }
}
