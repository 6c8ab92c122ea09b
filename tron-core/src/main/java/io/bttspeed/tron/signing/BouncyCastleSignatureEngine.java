package io.bttspeed.tron.signing;

import java.math.BigInteger;
import java.util.Arrays;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;

/**
 * Pure-Java secp256k1 on Bouncy Castle through web3j: works everywhere, a third of native speed.
 */
final class BouncyCastleSignatureEngine implements SignatureEngine {
  @Override
  public Signed sign(byte[] digest, byte[] privateKey32, byte[] publicKey64) {
    Sign.SignatureData signature = Sign.signMessage(digest, ECKeyPair.create(privateKey32), false);
    byte[] rs = new byte[64];
    System.arraycopy(signature.getR(), 0, rs, 0, 32);
    System.arraycopy(signature.getS(), 0, rs, 32, 32);
    return new Signed(rs, signature.getV()[0] - 27);
  }

  @Override
  public byte[] publicKey(byte[] privateKey32) {
    return Secp256k1.toBytes64(Sign.publicKeyFromPrivate(new BigInteger(1, privateKey32)));
  }

  @Override
  public byte[] recover(byte[] digest, byte[] rs, int recoveryId) {
    BigInteger r = new BigInteger(1, Arrays.copyOfRange(rs, 0, 32));
    BigInteger s = new BigInteger(1, Arrays.copyOfRange(rs, 32, 64));
    try {
      BigInteger publicKey =
          Sign.recoverFromSignature(recoveryId, new ECDSASignature(r, s), digest);
      return publicKey == null ? null : Secp256k1.toBytes64(publicKey);
    } catch (RuntimeException e) {
      return null;
    }
  }

  @Override
  public String name() {
    return "Bouncy Castle";
  }
}
