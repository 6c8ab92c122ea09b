package io.bttspeed.devnet.tvm.bench;

import static io.bttspeed.devnet.tvm.ops.Opcodes.ADD;
import static io.bttspeed.devnet.tvm.ops.Opcodes.DIV;
import static io.bttspeed.devnet.tvm.ops.Opcodes.DUP1;
import static io.bttspeed.devnet.tvm.ops.Opcodes.JUMPI;
import static io.bttspeed.devnet.tvm.ops.Opcodes.MSTORE;
import static io.bttspeed.devnet.tvm.ops.Opcodes.MUL;
import static io.bttspeed.devnet.tvm.ops.Opcodes.POP;
import static io.bttspeed.devnet.tvm.ops.Opcodes.SHA3;
import static io.bttspeed.devnet.tvm.ops.Opcodes.STOP;
import static io.bttspeed.devnet.tvm.ops.Opcodes.SUB;
import static io.bttspeed.devnet.tvm.ops.Opcodes.SWAP1;

import io.bttspeed.devnet.tvm.Address;
import io.bttspeed.devnet.tvm.Asm;
import io.bttspeed.devnet.tvm.CallRequest;
import io.bttspeed.devnet.tvm.ExecutionContext;
import io.bttspeed.devnet.tvm.ExecutionResult;
import io.bttspeed.devnet.tvm.SampleContracts;
import io.bttspeed.devnet.tvm.Tvm;
import io.bttspeed.devnet.tvm.VmBlockContext;
import io.bttspeed.devnet.tvm.state.InMemoryStateBackend;
import io.bttspeed.devnet.tvm.word.Word;

/**
 * Interpreter throughput on one thread: a keccak loop and an arithmetic loop (instructions per
 * second), and a hand-assembled TRC-20 style transfer (selector dispatch, two mapping reads and
 * writes, a Transfer event) run as whole transactions through {@link Tvm#call} and applied to an
 * in-memory state. Run it from the test classpath: {@code mvn -pl devnet test-compile
 * dependency:build-classpath -Dmdep.outputFile=cp.txt}, then {@code java -cp
 * devnet/target/test-classes:devnet/target/classes:$(cat cp.txt)
 * io.bttspeed.devnet.tvm.bench.InterpreterBenchmark}.
 */
public final class InterpreterBenchmark {

  private static final Address CONTRACT =
      Address.fromHex("0x00000000000000000000000000000000000000c0");
  private static final long ITERATIONS = 200_000;
  private static final long WARMUP_SECONDS = 2;
  private static final long MEASURE_SECONDS = 4;
  private static final Tvm TVM = new Tvm();
  private static final int DUP2 = DUP1 + 1;

  private InterpreterBenchmark() {}

  public static void main(String[] args) {
    Asm keccak = Asm.code().push(ITERATIONS);
    int keccakLoop = keccak.label(); // 1
    keccak
        .op(DUP1)
        .push(0)
        .op(MSTORE) // 3
        .push(32)
        .push(0)
        .op(SHA3, POP) // 4
        .push(1)
        .op(SWAP1, SUB) // 3
        .op(DUP1)
        .pushPosition(keccakLoop)
        .op(JUMPI) // 3
        .op(STOP);
    loop("keccak loop", keccak.build(), 14);

    Asm arith = Asm.code().push(ITERATIONS);
    int arithLoop = arith.label(); // 1
    arith
        .op(DUP1, DUP1, MUL, DUP2, ADD) // 5
        .push(7)
        .op(SWAP1, DIV, POP) // 4
        .push(1)
        .op(SWAP1, SUB) // 3
        .op(DUP1)
        .pushPosition(arithLoop)
        .op(JUMPI) // 3
        .op(STOP);
    loop("arithmetic loop", arith.build(), 16);

    transfers();
  }

  private static ExecutionContext context(Address origin) {
    VmBlockContext block = VmBlockContext.tron(1, 1_700_000_000_000L, CONTRACT, Word.of(1), 420);
    return ExecutionContext.tron(origin, Long.MAX_VALUE / 2, block, Word.of(7));
  }

  private static void loop(String name, byte[] code, long opsPerIteration) {
    InMemoryStateBackend state = new InMemoryStateBackend().putCode(CONTRACT, code);
    CallRequest call = CallRequest.of(CONTRACT, new byte[0]);
    ExecutionContext context = context(CONTRACT);
    long runs = measure(() -> TVM.call(state, context, call));
    double seconds = MEASURE_SECONDS;
    double opsPerSecond = runs * ITERATIONS * opsPerIteration / seconds;
    System.out.printf(
        "%-16s %,.0f instructions/s (%,.0f iterations/s)%n",
        name, opsPerSecond, runs * ITERATIONS / seconds);
  }

  /**
   * Runs {@code body} for the warm-up, then counts how many complete runs fit in the measured
   * window.
   */
  private static long measure(Runnable body) {
    long warmEnd = System.nanoTime() + WARMUP_SECONDS * 1_000_000_000L;
    while (System.nanoTime() < warmEnd) {
      body.run();
    }
    long runs = 0;
    long end = System.nanoTime() + MEASURE_SECONDS * 1_000_000_000L;
    while (System.nanoTime() < end) {
      body.run();
      runs++;
    }
    return runs;
  }

  private static void transfers() {
    InMemoryStateBackend state =
        new InMemoryStateBackend().putCode(CONTRACT, SampleContracts.trc20Transfer());
    int holders = 1_000;
    Address[] accounts = new Address[holders];
    for (int i = 0; i < holders; i++) {
      byte[] raw = new byte[20];
      raw[0] = 0x10;
      raw[18] = (byte) (i >>> 8);
      raw[19] = (byte) i;
      accounts[i] = Address.of(raw);
      state.putStorage(CONTRACT, SampleContracts.balanceSlot(accounts[i]), Word.of(1L << 60));
    }
    long[] counter = {0};
    long runs =
        measure(
            () -> {
              long n = counter[0]++;
              Address from = accounts[(int) (n % holders)];
              Address to = accounts[(int) ((n * 7 + 1) % holders)];
              CallRequest transfer = CallRequest.of(CONTRACT, SampleContracts.transferCall(to, 1));
              ExecutionResult r = TVM.call(state, context(from), transfer);
              if (!r.isSuccess()) {
                throw new IllegalStateException("transfer failed: " + r.outcome());
              }
              state.apply(r.changes());
            });
    System.out.printf(
        "%-16s %,.0f transactions/s%n", "TRC-20 transfer", runs / (double) MEASURE_SECONDS);
  }
}
