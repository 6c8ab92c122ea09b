package io.bttspeed.devnet.tvm;

import java.util.Objects;

/**
 * A message call into a contract.
 *
 * @param to the contract (or any account: a call to one without code only moves value)
 * @param data call data
 * @param callValueSun TRX sent with the call
 * @param tokenValue TRC-10 units sent with the call
 * @param tokenId the TRC-10 token id (0 when no token is sent)
 */
public record CallRequest(
    Address to, byte[] data, long callValueSun, long tokenValue, long tokenId) {

  public CallRequest {
    Objects.requireNonNull(to, "to");
    data = data.clone();
    TokenRules.checkAmounts(callValueSun, tokenValue, tokenId);
  }

  public static CallRequest of(Address to, byte[] data) {
    return new CallRequest(to, data, 0, 0, 0);
  }

  @Override
  public byte[] data() {
    return data.clone();
  }
}
