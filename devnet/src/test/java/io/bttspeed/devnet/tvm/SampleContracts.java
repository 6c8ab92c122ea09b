package io.bttspeed.devnet.tvm;

import static io.bttspeed.devnet.tvm.ops.Opcodes.ADD;
import static io.bttspeed.devnet.tvm.ops.Opcodes.CALLDATALOAD;
import static io.bttspeed.devnet.tvm.ops.Opcodes.CALLER;
import static io.bttspeed.devnet.tvm.ops.Opcodes.DUP1;
import static io.bttspeed.devnet.tvm.ops.Opcodes.EQ;
import static io.bttspeed.devnet.tvm.ops.Opcodes.ISZERO;
import static io.bttspeed.devnet.tvm.ops.Opcodes.JUMP;
import static io.bttspeed.devnet.tvm.ops.Opcodes.JUMPI;
import static io.bttspeed.devnet.tvm.ops.Opcodes.LOG0;
import static io.bttspeed.devnet.tvm.ops.Opcodes.LT;
import static io.bttspeed.devnet.tvm.ops.Opcodes.MSTORE;
import static io.bttspeed.devnet.tvm.ops.Opcodes.RETURN;
import static io.bttspeed.devnet.tvm.ops.Opcodes.REVERT;
import static io.bttspeed.devnet.tvm.ops.Opcodes.SHA3;
import static io.bttspeed.devnet.tvm.ops.Opcodes.SHR;
import static io.bttspeed.devnet.tvm.ops.Opcodes.SLOAD;
import static io.bttspeed.devnet.tvm.ops.Opcodes.SSTORE;
import static io.bttspeed.devnet.tvm.ops.Opcodes.SUB;
import static io.bttspeed.devnet.tvm.ops.Opcodes.SWAP1;

import io.bttspeed.devnet.tvm.word.Word;
import io.bttspeed.tron.hash.Keccak;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Hand-assembled contracts shaped like compiler output, for tests and the benchmark. */
public final class SampleContracts {

  public static final Word TRANSFER_TOPIC =
      Word.fromBytes(
          Keccak.hash("Transfer(address,address,uint256)".getBytes(StandardCharsets.US_ASCII)));

  private static final int DUP3 = DUP1 + 2;

  private SampleContracts() {}

  /**
   * transfer(address,uint256) over {@code mapping(address => uint256)} at slot 0: dispatch on the
   * selector, check and move the balance, emit Transfer, return true; anything else reverts.
   */
  public static byte[] trc20Transfer() {
    Asm a = Asm.code();
    a.pushPosition(9).op(JUMP); // 0..3
    int fail = a.label(); // 4
    a.push(0).op(DUP1, REVERT); // 5..8
    a.label(); // 9: start
    a.push(0)
        .op(CALLDATALOAD)
        .push(224)
        .op(SHR)
        .push(new BigInteger("a9059cbb", 16))
        .op(EQ, ISZERO);
    a.pushPosition(fail).op(JUMPI);
    a.op(CALLER).push(0).op(MSTORE).push(0).push(32).op(MSTORE);
    a.push(64).push(0).op(SHA3, DUP1, SLOAD);
    a.push(36).op(CALLDATALOAD, DUP1, DUP3, LT).pushPosition(fail).op(JUMPI);
    a.op(SWAP1, SUB, SWAP1, SSTORE);
    a.push(4).op(CALLDATALOAD).push(0).op(MSTORE);
    a.push(64).push(0).op(SHA3, DUP1, SLOAD);
    a.push(36).op(CALLDATALOAD, ADD, SWAP1, SSTORE);
    a.push(36).op(CALLDATALOAD).push(0).op(MSTORE);
    a.push(4).op(CALLDATALOAD, CALLER).push(TRANSFER_TOPIC).push(32).push(0).op(LOG0 + 3);
    a.push(1).push(0).op(MSTORE).push(32).push(0).op(RETURN);
    return a.build();
  }

  /** The storage slot of {@code holder}'s balance: keccak256(holder ‖ 0). */
  public static Word balanceSlot(Address holder) {
    byte[] key = new byte[64];
    holder.copyTo(key, 12);
    return Word.fromBytes(Keccak.hash(key));
  }

  public static byte[] transferCall(Address to, long amount) {
    byte[] data = new byte[4 + 64];
    System.arraycopy(HexFormat.of().parseHex("a9059cbb"), 0, data, 0, 4);
    to.copyTo(data, 4 + 12);
    System.arraycopy(Word.of(amount).toBytes(), 0, data, 4 + 32, 32);
    return data;
  }
}
