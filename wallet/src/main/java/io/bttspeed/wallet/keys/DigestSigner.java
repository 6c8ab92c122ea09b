package io.bttspeed.wallet.keys;

import java.util.Arrays;
import java.util.Optional;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;

/**
 * secp256k1 signing of a 32-byte digest into TRON's r ‖ s ‖ v (low s, v in {27, 28}). Native libsecp256k1
 * where its library loads (about 15 times faster than Bouncy Castle here), Bouncy Castle through web3j where
 * it does not; both are deterministic (RFC 6979), so they produce the same signature.
 */
abstract sealed class DigestSigner permits DigestSigner.Native, DigestSigner.BouncyCastle {

  static final DigestSigner BEST = Native.load().orElseGet(BouncyCastle::new);

  abstract byte[] sign(byte[] digest32, byte[] privateKey32, byte[] publicKey64);

  static final class Native extends DigestSigner {
    private final fr.acinq.secp256k1.Secp256k1 library;

    private Native(fr.acinq.secp256k1.Secp256k1 library) {
      this.library = library;
    }

    static Optional<DigestSigner> load() {
      try {
        return Optional.of(new Native(fr.acinq.secp256k1.Secp256k1.get()));
      } catch (LinkageError | RuntimeException e) {
        return Optional.empty();
      }
    }

    @Override
    byte[] sign(byte[] digest32, byte[] privateKey32, byte[] publicKey64) {
      byte[] rs = library.sign(digest32, privateKey32, null);
      for (int recoveryId = 0; recoveryId < 2; recoveryId++) {
        byte[] recovered;
        try {
          recovered = library.ecdsaRecover(rs, digest32, recoveryId);
        } catch (RuntimeException e) {
          continue;
        }
        if (Arrays.equals(publicKey64, 0, 64, recovered, 1, 65)) {
          byte[] out = Arrays.copyOf(rs, 65);
          out[64] = (byte) (27 + recoveryId);
          return out;
        }
      }
      throw new IllegalStateException("libsecp256k1 made a signature that recovers to neither candidate key");
    }
  }

  static final class BouncyCastle extends DigestSigner {
    @Override
    byte[] sign(byte[] digest32, byte[] privateKey32, byte[] publicKey64) {
      Sign.SignatureData sig =
          Sign.signMessage(digest32, ECKeyPair.create(privateKey32), false);
      byte[] out = Arrays.copyOf(sig.getR(), 65);
      System.arraycopy(sig.getS(), 0, out, 32, 32);
      out[64] = sig.getV()[0];
      return out;
    }
  }
}
