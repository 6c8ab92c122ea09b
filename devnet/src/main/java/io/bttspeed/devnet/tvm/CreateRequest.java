package io.bttspeed.devnet.tvm;

/**
 * A contract creation by a transaction.
 *
 * @param initCode init code with the ABI-encoded constructor arguments already appended
 * @param callValueSun TRX endowment
 * @param tokenValue TRC-10 units sent to the constructor
 * @param tokenId the TRC-10 token id (0 when no token is sent)
 */
public record CreateRequest(byte[] initCode, long callValueSun, long tokenValue, long tokenId) {

  public CreateRequest {
    initCode = initCode.clone();
    TokenRules.checkAmounts(callValueSun, tokenValue, tokenId);
  }

  public static CreateRequest of(byte[] initCode) {
    return new CreateRequest(initCode, 0, 0, 0);
  }

  @Override
  public byte[] initCode() {
    return initCode.clone();
  }
}
