package io.bttspeed.devnet.tvm.ops;

import io.bttspeed.devnet.tvm.LogEntry;
import io.bttspeed.devnet.tvm.energy.EnergySchedule;
import io.bttspeed.devnet.tvm.exec.Frame;
import io.bttspeed.devnet.tvm.exec.Stack;
import io.bttspeed.devnet.tvm.word.Word;
import java.util.ArrayList;
import java.util.List;

/** LOG0..LOG4. */
final class LogOps {

  private LogOps() {}

  static void register() {
    for (int n = 0; n <= 4; n++) {
      int topics = n;
      OperationTable.set(Opcodes.LOG0 + n, 2 + n, 0, f -> log(f, topics));
    }
  }

  private static void log(Frame f, int topicCount) {
    f.requireNotStatic();
    Stack s = f.stack();
    long offset = s.peekClamped(0);
    long size = s.peekClamped(1);
    f.expandMemory(offset, size);
    f.useEnergy(
        EnergySchedule.LOG
            + EnergySchedule.LOG_TOPIC * topicCount
            + EnergySchedule.LOG_DATA_BYTE * size);
    List<Word> topics = new ArrayList<>(topicCount);
    for (int i = 0; i < topicCount; i++) {
      topics.add(s.peekWord(2 + i));
    }
    byte[] data = f.readMemory(offset, size);
    s.drop(2 + topicCount);
    f.execution().trace().addLog(new LogEntry(f.message().address(), topics, data));
  }
}
