package io.bttspeed.devnet.chain.actuator;

import io.bttspeed.devnet.chain.BlockContext;
import io.bttspeed.devnet.chain.Rejection;
import io.bttspeed.devnet.chain.contract.VmReceipt;
import io.bttspeed.devnet.state.StateReader;
import io.bttspeed.devnet.state.TxScope;
import io.bttspeed.tron.address.TronAddress;
import java.util.Optional;

/**
 * One system contract type: its checks, in java-tron's order and words, and its effect on state.
 */
public interface Actuator {
  TronAddress owner();

  /**
   * Whether running this contract would create an account, which changes how bandwidth is charged.
   */
  boolean createsAccount(StateReader state);

  /**
   * Checks the contract against the state; throws a CONTRACT_VALIDATE_ERROR with java-tron's
   * message.
   */
  void validate(StateReader state, BlockContext block) throws Rejection;

  /** Applies a validated contract. */
  Outcome execute(TxScope scope, BlockContext block);

  /**
   * What executing the contract charged and produced.
   *
   * @param feeSun sun the contract burned (besides bandwidth), energy included
   * @param assetIssueId the id of a token it issued, or empty
   * @param vm what a smart-contract execution produced; empty for system contracts
   */
  record Outcome(long feeSun, String assetIssueId, Optional<VmReceipt> vm) {
    public Outcome(long feeSun, String assetIssueId) {
      this(feeSun, assetIssueId, Optional.empty());
    }
  }
}
