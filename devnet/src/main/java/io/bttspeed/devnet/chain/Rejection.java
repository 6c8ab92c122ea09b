package io.bttspeed.devnet.chain;

import org.tron.trident.proto.Response.TransactionReturn.response_code;

/**
 * Why the node refused a transaction: java-tron's response code and the message it would send.
 * Nothing was changed by the transaction when this is thrown.
 */
public final class Rejection extends Exception {
  private static final long serialVersionUID = 1L;

  private final response_code code;

  public Rejection(response_code code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public response_code code() {
    return code;
  }

  /** java-tron prefixes contract validation failures with this text. */
  public static Rejection contractValidate(String reason) {
    return new Rejection(
        response_code.CONTRACT_VALIDATE_ERROR, "Contract validate error : " + reason);
  }

  public static Rejection signature(String reason) {
    return new Rejection(response_code.SIGERROR, "Validate signature error: " + reason);
  }
}
