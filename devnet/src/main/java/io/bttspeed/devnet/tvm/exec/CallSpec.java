package io.bttspeed.devnet.tvm.exec;

import io.bttspeed.devnet.tvm.Address;

/**
 * A CALL-family instruction after its costs are paid.
 *
 * @param kind which instruction
 * @param codeAddress the account whose code runs
 * @param value TRX sent, or TRC-10 units for CALLTOKEN
 * @param tokenId TRC-10 id for CALLTOKEN, else 0
 * @param energy energy given to the callee, stipend included
 * @param input call data
 * @param outOffset where the callee's output goes in the caller's memory
 * @param outSize how many output bytes fit there
 */
public record CallSpec(
    CallKind kind,
    Address codeAddress,
    long value,
    long tokenId,
    long energy,
    byte[] input,
    int outOffset,
    int outSize) {

  /** The CALL family. */
  public enum CallKind {
    CALL,
    CALLCODE,
    DELEGATECALL,
    STATICCALL,
    CALLTOKEN;

    public boolean runsInCallerContext() {
      return this == CALLCODE || this == DELEGATECALL;
    }
  }
}
