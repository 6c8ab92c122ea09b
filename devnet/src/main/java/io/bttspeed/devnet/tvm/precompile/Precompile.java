package io.bttspeed.devnet.tvm.precompile;

import java.util.Optional;

/** A contract implemented natively at a fixed low address. */
public interface Precompile {

  /** Energy the call costs for this input. */
  long energy(byte[] input);

  /** The output, or empty when the precompile fails (the caller then loses the energy it gave). */
  Optional<byte[]> run(byte[] input);

  static long words(byte[] input) {
    return (input.length + 31L) / 32;
  }
}
