package io.bttspeed.wallet.keys;

import java.util.Optional;

/**
 * The key-derivation parameters a keystore may ask for. For a keystore a caller imports: what real
 * wallets write, and no more. geth, web3j, web3.js, ethers and TronLink write scrypt with n = 2^18
 * ("standard"), r = 8, p = 1, or a lighter n (web3j's "light" is n = 2^12, r = 8, p = 6); web3.js
 * writes PBKDF2-HMAC-SHA256 with c = 2^18. A file asking for more (n = 2^20, r = 48 takes 6 GB and
 * 30 s) is refused before any work. The wallet's own at-rest keystores may use up to n = 2^20, the
 * most {@code keys.scrypt-log2n} allows.
 *
 * @param maxScryptN the largest scrypt n accepted
 */
record KdfBounds(int maxScryptN) {

  static final KdfBounds IMPORTED = new KdfBounds(1 << 18);
  static final KdfBounds AT_REST = new KdfBounds(1 << 20);

  static final int MAX_SCRYPT_R = 8;
  static final int MAX_SCRYPT_P = 16;

  /**
   * n·r·p of the standard parameters (2^21): no accepted import costs more work than a standard
   * one.
   */
  static final long MAX_IMPORTED_SCRYPT_WORK = (1L << 18) * MAX_SCRYPT_R;

  static final int MAX_PBKDF2_ROUNDS = 1 << 20;
  static final int MAX_SALT_BYTES = 64;

  /** Why these scrypt parameters are refused, or empty when they are within bounds. */
  Optional<String> checkScrypt(int n, int r, int p) {
    if (n < 2 || n > maxScryptN || (n & (n - 1)) != 0) {
      return Optional.of("scrypt n must be a power of two from 2 to " + maxScryptN);
    }
    if (r < 1 || r > MAX_SCRYPT_R) {
      return Optional.of("scrypt r must be from 1 to " + MAX_SCRYPT_R);
    }
    if (p < 1 || p > MAX_SCRYPT_P) {
      return Optional.of("scrypt p must be from 1 to " + MAX_SCRYPT_P);
    }
    if ((long) n * r * p > Math.max(MAX_IMPORTED_SCRYPT_WORK, (long) maxScryptN * MAX_SCRYPT_R)) {
      return Optional.of(
          "scrypt n·r·p must not exceed that of n = " + maxScryptN + ", r = 8, p = 1");
    }
    // RFC 7914 requires n < 2^(16 r); Bouncy Castle throws on it, so it is refused here as the
    // caller's error.
    if (r < 2 && n >= 1 << (16 * r)) {
      return Optional.of("scrypt n must be below 2^(16 r)");
    }
    return Optional.empty();
  }

  /** Why this PBKDF2 round count is refused, or empty when it is within bounds. */
  Optional<String> checkPbkdf2(int rounds) {
    if (rounds < 1 || rounds > MAX_PBKDF2_ROUNDS) {
      return Optional.of("pbkdf2 c must be from 1 to 2^20 (1048576)");
    }
    return Optional.empty();
  }
}
