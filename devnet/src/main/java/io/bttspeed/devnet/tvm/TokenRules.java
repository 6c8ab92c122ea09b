package io.bttspeed.devnet.tvm;

/** TRC-10 id rules shared by requests and CALLTOKEN (java-tron's {@code checkTokenId}). */
public final class TokenRules {

  /** TRC-10 ids start above this; 0 stands for "no token". */
  public static final long MIN_TOKEN_ID = 1_000_000L;

  private TokenRules() {}

  public static boolean isValidTokenId(long tokenId) {
    return tokenId > MIN_TOKEN_ID;
  }

  static void checkAmounts(long callValueSun, long tokenValue, long tokenId) {
    if (callValueSun < 0 || tokenValue < 0) {
      throw new IllegalArgumentException("negative call value or token value");
    }
    if (tokenId != 0 && !isValidTokenId(tokenId)) {
      throw new IllegalArgumentException("invalid TRC-10 token id " + tokenId);
    }
    if (tokenValue > 0 && tokenId == 0) {
      throw new IllegalArgumentException("token value without a token id");
    }
  }
}
