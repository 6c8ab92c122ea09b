package io.bttspeed.devnet.tvm;

/** How an execution ended. */
public enum Outcome {
  /** STOP, RETURN, or the end of the code: state changes apply. */
  SUCCESS,
  /** REVERT: state changes are discarded, unused energy is kept, revert data is returned. */
  REVERT,
  /** An exceptional halt: state changes are discarded and all energy is consumed. */
  HALT
}
