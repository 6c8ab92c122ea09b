package io.bttspeed.tron.signing;

/**
 * The two secp256k1 operations TRON needs, behind one small interface so the fast native library is
 * used where it loads and Bouncy Castle everywhere else. Inputs are already range-checked by {@link
 * Secp256k1}.
 */
interface SignatureEngine {
  /**
   * Signs a 32-byte digest with a low-S signature; returns {@code r‖s} (64 bytes) and the recovery
   * id. The caller passes the key's 64-byte X‖Y public key too: a wallet signing with the same key
   * over and over computes it once, not per signature.
   */
  Signed sign(byte[] digest, byte[] privateKey32, byte[] publicKey64);

  /** The 64-byte X‖Y public key of a 32-byte private key. */
  byte[] publicKey(byte[] privateKey32);

  /**
   * The 64-byte X‖Y public key that signed the digest, or null when the signature does not recover.
   */
  byte[] recover(byte[] digest, byte[] rs, int recoveryId);

  String name();

  record Signed(byte[] rs, int recoveryId) {}
}
