package io.bttspeed.devnet.tvm.exec;

import io.bttspeed.devnet.tvm.HaltReason;
import io.bttspeed.devnet.tvm.energy.EnergySchedule;

/** One call frame: code, program counter, stack, memory, energy, and how it ended. */
public final class Frame {

  private static final byte[] EMPTY = new byte[0];

  private final Execution execution;
  private final Message message;
  private final Code code;
  private final Stack stack = new Stack();
  private final Memory memory = new Memory();
  private final EnergySchedule schedule;

  private int pc;
  private long energyLeft;
  private byte[] returnData = EMPTY;
  private byte[] output = EMPTY;
  private boolean stopped;
  private boolean reverted;

  public Frame(Execution execution, Message message, Code code, long energy) {
    this.execution = execution;
    this.message = message;
    this.code = code;
    this.energyLeft = energy;
    this.schedule = execution.schedule();
  }

  public Execution execution() {
    return execution;
  }

  public Message message() {
    return message;
  }

  public Code code() {
    return code;
  }

  public Stack stack() {
    return stack;
  }

  public Memory memory() {
    return memory;
  }

  public EnergySchedule schedule() {
    return schedule;
  }

  public int pc() {
    return pc;
  }

  public void setPc(int pc) {
    this.pc = pc;
  }

  public long energyLeft() {
    return energyLeft;
  }

  public void useEnergy(long amount) {
    if (amount > energyLeft || amount < 0) {
      energyLeft = 0;
      throw Halt.of(HaltReason.OUT_OF_ENERGY);
    }
    energyLeft -= amount;
  }

  public void refundEnergy(long amount) {
    energyLeft += amount;
  }

  /**
   * Charges for growing memory to cover {@code [offset, offset + size)} and grows it; nothing for
   * an empty range. Past the schedule's cap (3 MB on TRON) the frame halts.
   */
  public void expandMemory(long offset, long size) {
    if (size == 0) {
      return;
    }
    long limit = schedule.memoryLimitBytes();
    if (offset > limit || size > limit || offset + size > limit) {
      throw Halt.of(HaltReason.MEMORY_LIMIT);
    }
    long newWords = EnergySchedule.words(offset + size);
    long oldWords = memory.size() >>> 5;
    if (newWords > oldWords) {
      useEnergy(EnergySchedule.memoryCost(newWords) - EnergySchedule.memoryCost(oldWords));
      memory.growTo((int) (newWords << 5));
    }
  }

  /** Reads memory already sized by {@link #expandMemory}; an empty range may have any offset. */
  public byte[] readMemory(long offset, long size) {
    return size == 0 ? EMPTY : memory.read((int) offset, (int) size);
  }

  public void requireNotStatic() {
    if (message.isStatic()) {
      throw Halt.of(HaltReason.STATIC_CALL_MODIFICATION);
    }
  }

  /** Output of the last call or create this frame made (RETURNDATASIZE / RETURNDATACOPY). */
  public byte[] returnData() {
    return returnData;
  }

  public void setReturnData(byte[] data) {
    this.returnData = data;
  }

  public byte[] output() {
    return output;
  }

  public boolean isStopped() {
    return stopped;
  }

  public boolean isReverted() {
    return reverted;
  }

  public void stop(byte[] out) {
    this.output = out;
    this.stopped = true;
  }

  public void revert(byte[] out) {
    stop(out);
    this.reverted = true;
  }
}
