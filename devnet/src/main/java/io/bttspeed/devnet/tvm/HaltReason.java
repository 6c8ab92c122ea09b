package io.bttspeed.devnet.tvm;

/** Why a frame halted exceptionally. */
public enum HaltReason {
  OUT_OF_ENERGY("out of energy"),
  BAD_JUMP_DESTINATION("bad jump destination"),
  STACK_UNDERFLOW("stack underflow"),
  STACK_OVERFLOW("stack overflow"),
  INVALID_OPCODE("invalid opcode"),
  MEMORY_LIMIT("memory limit of 3 MB exceeded"),
  STATIC_CALL_MODIFICATION("state modification in a static call"),
  RETURN_DATA_OUT_OF_BOUNDS("return data copy out of bounds"),
  INVALID_CODE_PREFIX("new contract code starts with 0xEF"),
  CONTRACT_EXISTS("a contract already exists at the new address"),
  INSUFFICIENT_BALANCE("insufficient balance for the transfer"),
  INVALID_TOKEN_ID("invalid TRC-10 token id"),
  CALL_DEPTH_EXCEEDED("call depth limit of 64 reached");

  private final String message;

  HaltReason(String message) {
    this.message = message;
  }

  public String message() {
    return message;
  }
}
