package io.bttspeed.devnet.tvm;

import io.bttspeed.devnet.tvm.word.Word;
import java.util.Objects;

/**
 * The block an execution runs in. On TRON DIFFICULTY and GASLIMIT read zero ({@link #tron}); the
 * conformance suite sets them from its vectors.
 *
 * @param number block height
 * @param timestampMs block time in milliseconds; TIMESTAMP answers it in seconds
 * @param coinbase the witness that produces the block
 * @param chainId CHAINID's answer (the chain passes the last 4 bytes of the genesis block id)
 * @param energyFee sun per energy unit; BASEFEE and GASPRICE answer it
 * @param difficulty DIFFICULTY / PREVRANDAO
 * @param gasLimit GASLIMIT
 */
public record VmBlockContext(
    long number,
    long timestampMs,
    Address coinbase,
    Word chainId,
    long energyFee,
    Word difficulty,
    long gasLimit) {

  public VmBlockContext {
    Objects.requireNonNull(coinbase, "coinbase");
    Objects.requireNonNull(chainId, "chainId");
    Objects.requireNonNull(difficulty, "difficulty");
    if (number < 0 || timestampMs < 0 || energyFee < 0 || gasLimit < 0) {
      throw new IllegalArgumentException("negative block field");
    }
  }

  /** A TRON block: DIFFICULTY and GASLIMIT are zero. */
  public static VmBlockContext tron(
      long number, long timestampMs, Address coinbase, Word chainId, long energyFee) {
    return new VmBlockContext(number, timestampMs, coinbase, chainId, energyFee, Word.ZERO, 0);
  }
}
