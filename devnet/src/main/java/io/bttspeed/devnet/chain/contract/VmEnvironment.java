package io.bttspeed.devnet.chain.contract;

import io.bttspeed.devnet.chain.BlockContext;
import io.bttspeed.devnet.tvm.Address;
import io.bttspeed.devnet.tvm.Tvm;
import io.bttspeed.devnet.tvm.VmBlockContext;
import io.bttspeed.devnet.tvm.word.Word;
import io.bttspeed.tron.address.TronAddress;
import java.util.function.LongFunction;

/**
 * What contract execution needs from the chain beyond state: the interpreter, the chain id CHAINID
 * answers, the witness COINBASE answers, the energy price and a way to look up block ids for
 * BLOCKHASH.
 */
public record VmEnvironment(
    Tvm tvm, long chainId, TronAddress witness, long energyFee, LongFunction<Word> blockHashes) {

  /**
   * Energy allowed to a constant call or an estimate: java-tron's default
   * maxEnergyLimitForConstant.
   */
  public static final long CONSTANT_CALL_ENERGY = 100_000_000L;

  public VmBlockContext blockFor(BlockContext block) {
    return VmBlockContext.tron(
        block.executionNumber(),
        block.executionTimeMs(),
        Address.fromTron(witness.toByteArray()),
        Word.of(chainId),
        energyFee);
  }
}
