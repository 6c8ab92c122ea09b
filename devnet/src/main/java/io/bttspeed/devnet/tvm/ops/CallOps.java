package io.bttspeed.devnet.tvm.ops;

import io.bttspeed.devnet.tvm.Address;
import io.bttspeed.devnet.tvm.HaltReason;
import io.bttspeed.devnet.tvm.TokenRules;
import io.bttspeed.devnet.tvm.energy.EnergySchedule;
import io.bttspeed.devnet.tvm.exec.CallSpec;
import io.bttspeed.devnet.tvm.exec.CallSpec.CallKind;
import io.bttspeed.devnet.tvm.exec.Frame;
import io.bttspeed.devnet.tvm.exec.Halt;
import io.bttspeed.devnet.tvm.exec.Stack;
import io.bttspeed.devnet.tvm.word.UInt256;

/**
 * CALL, CALLCODE, DELEGATECALL, STATICCALL and TRON's CALLTOKEN (stack: energy, address, token
 * value, token id, in offset, in size, out offset, out size). Pricing follows java-tron's {@code
 * EnergyCost.getCallCost}: value transfer and new-account surcharges, memory for the larger of the
 * two ranges, then the energy handed over (capped at what is left, less 1/64 under the 63/64 rule),
 * plus a free stipend when value moves.
 */
final class CallOps {

  private CallOps() {}

  static void register() {
    OperationTable.set(Opcodes.CALL, 7, 1, f -> call(f, CallKind.CALL));
    OperationTable.set(Opcodes.CALLCODE, 7, 1, f -> call(f, CallKind.CALLCODE));
    OperationTable.set(Opcodes.DELEGATECALL, 6, 1, f -> call(f, CallKind.DELEGATECALL));
    OperationTable.set(Opcodes.STATICCALL, 6, 1, f -> call(f, CallKind.STATICCALL));
    OperationTable.set(Opcodes.CALLTOKEN, 8, 1, f -> call(f, CallKind.CALLTOKEN));
  }

  private static void call(Frame f, CallKind kind) {
    Stack s = f.stack();
    boolean hasValue =
        kind == CallKind.CALL || kind == CallKind.CALLCODE || kind == CallKind.CALLTOKEN;
    int argsBase = kind == CallKind.CALLTOKEN ? 4 : hasValue ? 3 : 2;
    long requested = s.peekClamped(0);
    Address target = s.peekAddress(1);
    boolean valueNonZero = hasValue && !s.isZero(2);
    long inOffset = s.peekClamped(argsBase);
    long inSize = s.peekClamped(argsBase + 1);
    long outOffset = s.peekClamped(argsBase + 2);
    long outSize = s.peekClamped(argsBase + 3);

    long cost = 0;
    if (valueNonZero) {
      cost += EnergySchedule.CALL_VALUE_TRANSFER;
      if (kind != CallKind.CALLCODE && !f.execution().world().exists(target)) {
        cost += EnergySchedule.CALL_NEW_ACCOUNT;
      }
    }
    f.expandMemory(inOffset, inSize);
    f.expandMemory(outOffset, outSize);
    f.useEnergy(cost);
    if (valueNonZero && (kind == CallKind.CALL || kind == CallKind.CALLTOKEN)) {
      f.requireNotStatic();
    }
    long energy = Math.min(requested, f.execution().forwardable(f.energyLeft()));
    f.useEnergy(energy);
    if (valueNonZero) {
      energy += EnergySchedule.CALL_STIPEND;
    }

    long value = 0;
    if (hasValue) {
      value = UInt256.clampedLong(s.words(), s.offset(2));
      if (value == Long.MAX_VALUE && valueNonZero) {
        throw Halt.of(HaltReason.INSUFFICIENT_BALANCE);
      }
    }
    long tokenId = 0;
    if (kind == CallKind.CALLTOKEN) {
      tokenId = UInt256.clampedLong(s.words(), s.offset(3));
      if (!TokenRules.isValidTokenId(tokenId) || tokenId == Long.MAX_VALUE) {
        throw Halt.of(HaltReason.INVALID_TOKEN_ID);
      }
    }
    byte[] input = f.readMemory(inOffset, inSize);
    s.drop(argsBase + 4);
    f.execution()
        .calls()
        .call(
            f,
            new CallSpec(
                kind,
                target,
                value,
                tokenId,
                energy,
                input,
                outSize == 0 ? 0 : (int) outOffset,
                (int) Math.min(outSize, Integer.MAX_VALUE)));
  }
}
