package io.bttspeed.devnet.tvm.precompile;

import java.util.Optional;
import org.bouncycastle.crypto.digests.SHA256Digest;

/** 0x02: SHA-256 of the input. */
final class Sha256 implements Precompile {

  static byte[] digest(byte[] input, int length) {
    SHA256Digest d = new SHA256Digest();
    d.update(input, 0, length);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  @Override
  public long energy(byte[] input) {
    return 60 + 12 * Precompile.words(input);
  }

  @Override
  public Optional<byte[]> run(byte[] input) {
    return Optional.of(digest(input, input.length));
  }
}
