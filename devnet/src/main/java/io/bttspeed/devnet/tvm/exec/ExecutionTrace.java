package io.bttspeed.devnet.tvm.exec;

import io.bttspeed.devnet.tvm.Address;
import io.bttspeed.devnet.tvm.InternalTransaction;
import io.bttspeed.devnet.tvm.LogEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * Logs and internal transactions of one transaction, plus its nonce of internal steps (which seeds
 * CREATE addresses). A failed frame drops its logs and flags its internal transactions rejected;
 * the nonce never goes back, as in java-tron.
 */
public final class ExecutionTrace {

  /** Where a frame started, to roll back to. */
  public record Mark(int logs, int internalTransactions) {}

  private static final class Step {
    final InternalTransaction base;
    boolean rejected;

    Step(InternalTransaction base) {
      this.base = base;
    }
  }

  private final List<LogEntry> logs = new ArrayList<>();
  private final List<Step> steps = new ArrayList<>();
  private long nonce;

  public Mark mark() {
    return new Mark(logs.size(), steps.size());
  }

  public void rollback(Mark mark) {
    logs.subList(mark.logs(), logs.size()).clear();
    for (int i = mark.internalTransactions(); i < steps.size(); i++) {
      steps.get(i).rejected = true;
    }
  }

  /** The whole transaction failed: no logs, every internal transaction rejected. */
  public void rejectAll() {
    rollback(new Mark(0, 0));
  }

  public void addLog(LogEntry log) {
    logs.add(log);
  }

  /** The nonce the next CREATE derives its address from. */
  public long nonce() {
    return nonce;
  }

  public void record(
      Address caller,
      Address to,
      long callValueSun,
      long tokenId,
      long tokenValue,
      byte[] data,
      InternalTransaction.Note note) {
    nonce++;
    steps.add(
        new Step(
            new InternalTransaction(
                nonce, caller, to, callValueSun, tokenId, tokenValue, data, note, false)));
  }

  public List<LogEntry> logs() {
    return List.copyOf(logs);
  }

  public List<InternalTransaction> internalTransactions() {
    List<InternalTransaction> out = new ArrayList<>(steps.size());
    for (Step s : steps) {
      InternalTransaction b = s.base;
      out.add(
          new InternalTransaction(
              b.nonce(),
              b.caller(),
              b.transferTo(),
              b.callValueSun(),
              b.tokenId(),
              b.tokenValue(),
              b.data(),
              b.note(),
              s.rejected));
    }
    return out;
  }
}
