package io.bttspeed.devnet.tvm.precompile;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.signing.Secp256k1;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.web3j.crypto.Sign;

/**
 * 0x01: recovers the signer of {@code hash ‖ v ‖ r ‖ s}. TRON answers the word {@code 0…0 ‖ 0x41 ‖
 * addr20}, and an empty output (still a successful call) when the signature is invalid.
 */
final class EcRecover implements Precompile {

  private static final BigInteger N = Sign.CURVE_PARAMS.getN();

  @Override
  public long energy(byte[] input) {
    return 3000;
  }

  @Override
  public Optional<byte[]> run(byte[] input) {
    return Optional.of(recover(input).orElse(new byte[0]));
  }

  private static Optional<byte[]> recover(byte[] input) {
    if (input.length < 96) {
      return Optional.empty();
    }
    byte[] data = Arrays.copyOf(input, 128);
    for (int i = 32; i < 63; i++) {
      if (data[i] != 0) {
        return Optional.empty();
      }
    }
    int v = data[63] & 0xff;
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(data, 64, 96));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(data, 96, 128));
    if ((v != 27 && v != 28) || !inRange(r) || !inRange(s)) {
      return Optional.empty();
    }
    Optional<byte[]> publicKey =
        Secp256k1.recoverPublicKey(
            Arrays.copyOf(data, 32), Arrays.copyOfRange(data, 64, 128), v - 27);
    if (publicKey.isEmpty()) {
      return Optional.empty();
    }
    byte[] word = new byte[32];
    System.arraycopy(
        TronAddress.fromPublicKey(publicKey.get()).toByteArray(), 0, word, 11, TronAddress.LENGTH);
    return Optional.of(word);
  }

  private static boolean inRange(BigInteger x) {
    return x.signum() > 0 && x.compareTo(N) < 0;
  }
}
