package io.bttspeed.contracts.abi;

/**
 * Return data or a log that does not decode as the ABI says it must: the node answered for another
 * contract or function, or the data is truncated. Never thrown for a well-formed value a caller did
 * not expect.
 */
public final class ContractDataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ContractDataException(String message) {
    super(message);
  }

  public ContractDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
