package io.bttspeed.devnet.tvm.precompile;

import java.util.Optional;

/**
 * 0x03 on TRON is not RIPEMD-160: java-tron's {@code Ripempd160} answers sha256(first 20 bytes of
 * sha256(input)), all 32 bytes of it.
 */
final class Sha256Of160 implements Precompile {

  @Override
  public long energy(byte[] input) {
    return 600 + 120 * Precompile.words(input);
  }

  @Override
  public Optional<byte[]> run(byte[] input) {
    byte[] first = Sha256.digest(input, input.length);
    return Optional.of(Sha256.digest(first, 20));
  }
}
