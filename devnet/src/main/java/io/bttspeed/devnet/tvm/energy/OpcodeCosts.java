package io.bttspeed.devnet.tvm.energy;

import static io.bttspeed.devnet.tvm.energy.EnergySchedule.BASE;
import static io.bttspeed.devnet.tvm.energy.EnergySchedule.EXT;
import static io.bttspeed.devnet.tvm.energy.EnergySchedule.HIGH;
import static io.bttspeed.devnet.tvm.energy.EnergySchedule.LOW;
import static io.bttspeed.devnet.tvm.energy.EnergySchedule.MID;
import static io.bttspeed.devnet.tvm.energy.EnergySchedule.VERY_LOW;

import io.bttspeed.devnet.tvm.ops.Opcodes;

/** The fixed price of each opcode (java-tron's OperationRegistry tiers). */
final class OpcodeCosts {

  private OpcodeCosts() {}

  static void fill(long[] c, long memoryOpBase) {
    c[Opcodes.ADD] = VERY_LOW;
    c[Opcodes.MUL] = LOW;
    c[Opcodes.SUB] = VERY_LOW;
    c[Opcodes.DIV] = LOW;
    c[Opcodes.SDIV] = LOW;
    c[Opcodes.MOD] = LOW;
    c[Opcodes.SMOD] = LOW;
    c[Opcodes.ADDMOD] = MID;
    c[Opcodes.MULMOD] = MID;
    c[Opcodes.EXP] = 10;
    c[Opcodes.SIGNEXTEND] = LOW;
    for (int op = Opcodes.LT; op <= Opcodes.SAR; op++) {
      c[op] = VERY_LOW;
    }
    c[Opcodes.SHA3] = 30;
    c[Opcodes.ADDRESS] = BASE;
    c[Opcodes.BALANCE] = 20;
    c[Opcodes.ORIGIN] = BASE;
    c[Opcodes.CALLER] = BASE;
    c[Opcodes.CALLVALUE] = BASE;
    c[Opcodes.CALLDATALOAD] = VERY_LOW;
    c[Opcodes.CALLDATASIZE] = BASE;
    c[Opcodes.CALLDATACOPY] = memoryOpBase;
    c[Opcodes.CODESIZE] = BASE;
    c[Opcodes.CODECOPY] = memoryOpBase;
    c[Opcodes.GASPRICE] = BASE;
    c[Opcodes.EXTCODESIZE] = 20;
    c[Opcodes.EXTCODECOPY] = 20;
    c[Opcodes.RETURNDATASIZE] = BASE;
    c[Opcodes.RETURNDATACOPY] = memoryOpBase;
    c[Opcodes.EXTCODEHASH] = 400;
    c[Opcodes.BLOCKHASH] = EXT;
    c[Opcodes.COINBASE] = BASE;
    c[Opcodes.TIMESTAMP] = BASE;
    c[Opcodes.NUMBER] = BASE;
    c[Opcodes.DIFFICULTY] = BASE;
    c[Opcodes.GASLIMIT] = BASE;
    c[Opcodes.CHAINID] = BASE;
    c[Opcodes.SELFBALANCE] = LOW;
    c[Opcodes.BASEFEE] = BASE;
    c[Opcodes.POP] = BASE;
    c[Opcodes.MLOAD] = memoryOpBase;
    c[Opcodes.MSTORE] = memoryOpBase;
    c[Opcodes.MSTORE8] = memoryOpBase;
    c[Opcodes.SLOAD] = 50;
    c[Opcodes.JUMP] = MID;
    c[Opcodes.JUMPI] = HIGH;
    c[Opcodes.PC] = BASE;
    c[Opcodes.MSIZE] = BASE;
    c[Opcodes.GAS] = BASE;
    c[Opcodes.JUMPDEST] = 1;
    c[Opcodes.PUSH0] = BASE;
    for (int op = Opcodes.PUSH1; op <= Opcodes.SWAP16; op++) {
      c[op] = VERY_LOW;
    }
    c[Opcodes.CREATE] = 32_000;
    c[Opcodes.CREATE2] = 32_000;
    c[Opcodes.CALL] = 40;
    c[Opcodes.CALLCODE] = 40;
    c[Opcodes.DELEGATECALL] = 40;
    c[Opcodes.STATICCALL] = 40;
    c[Opcodes.CALLTOKEN] = 40;
    c[Opcodes.TOKENBALANCE] = 20;
    c[Opcodes.CALLTOKENVALUE] = BASE;
    c[Opcodes.CALLTOKENID] = BASE;
    c[Opcodes.ISCONTRACT] = 20;
  }
}
