package io.bttspeed.devnet.crypto;

import java.math.BigInteger;

/**
 * The two secp256k1 operations TRON needs, behind one small interface so the fast native library is used where
 * it loads and Bouncy Castle everywhere else. Inputs are already range-checked by {@link Secp256k1}.
 */
interface SignatureEngine {
  /** Signs a 32-byte digest with a low-S signature; returns {@code r‖s} (64 bytes) and the recovery id. */
  Signed sign(byte[] digest, BigInteger privateKey);

  /** The 64-byte X‖Y public key that signed the digest, or null when the signature does not recover. */
  byte[] recover(byte[] digest, byte[] rs, int recoveryId);

  String name();

  record Signed(byte[] rs, int recoveryId) {}
}
