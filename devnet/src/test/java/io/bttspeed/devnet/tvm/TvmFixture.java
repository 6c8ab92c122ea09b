package io.bttspeed.devnet.tvm;

import io.bttspeed.devnet.tvm.energy.EnergySchedule;
import io.bttspeed.devnet.tvm.state.InMemoryStateBackend;
import io.bttspeed.devnet.tvm.word.Word;

/** A state, a TVM and TRON contexts for unit tests. */
final class TvmFixture {

  static final Address OWNER = Address.fromHex("0x1111111111111111111111111111111111111111");
  static final Address WITNESS = Address.fromHex("0x2222222222222222222222222222222222222222");
  static final Word TX_ID =
      Word.fromHex("0x5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a");
  static final Word CHAIN_ID = Word.fromHex("0x94a9059e");
  static final long ENERGY_FEE_SUN = 420;
  static final long TRX_TOKEN_ID = 1_002_000;

  final InMemoryStateBackend state = new InMemoryStateBackend();
  final Tvm tvm = new Tvm();

  TvmFixture() {
    state.putBalance(OWNER, 1_000_000_000_000L);
  }

  static VmBlockContext block() {
    return VmBlockContext.tron(100, 1_700_000_000_123L, WITNESS, CHAIN_ID, ENERGY_FEE_SUN);
  }

  static ExecutionContext context(long energyLimit) {
    return ExecutionContext.tron(OWNER, energyLimit, block(), TX_ID);
  }

  static ExecutionContext context(long energyLimit, EnergySchedule schedule) {
    return context(energyLimit).withSchedule(schedule);
  }

  /** Puts {@code runtime} at {@code address} directly. */
  Address install(Address address, byte[] runtime) {
    state.putCode(address, runtime);
    return address;
  }

  static Address address(int n) {
    byte[] raw = new byte[Address.LENGTH];
    raw[0] = (byte) 0xc0;
    raw[Address.LENGTH - 1] = (byte) n;
    return Address.of(raw);
  }

  ExecutionResult call(Address to, byte[] data, long energy) {
    ExecutionResult r = tvm.call(state, context(energy), CallRequest.of(to, data));
    state.apply(r.changes());
    return r;
  }

  ExecutionResult call(Address to, long energy) {
    return call(to, new byte[0], energy);
  }
}
