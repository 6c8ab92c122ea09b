package io.bttspeed.devnet.tvm.precompile;

import io.bttspeed.devnet.tvm.Address;
import io.bttspeed.tron.address.TronAddress;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * 0x01: recovers the signer of {@code hash ‖ v ‖ r ‖ s}. TRON answers the word {@code 0…0 ‖ 0x41 ‖ addr20}, and an
 * empty output (still a successful call) when the signature is invalid.
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
    BigInteger publicKey;
    try {
      publicKey =
          Sign.recoverFromSignature(v - 27, new ECDSASignature(r, s), Arrays.copyOf(data, 32));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    if (publicKey == null) {
      return Optional.empty();
    }
    byte[] address = Keys.getAddress(Numeric.toBytesPadded(publicKey, 64));
    byte[] word = new byte[32];
    word[11] = TronAddress.PREFIX;
    System.arraycopy(address, 0, word, 12, Address.LENGTH);
    return Optional.of(word);
  }

  private static boolean inRange(BigInteger x) {
    return x.signum() > 0 && x.compareTo(N) < 0;
  }
}
