package io.bttspeed.devnet.chain.contract;

import io.bttspeed.devnet.chain.BlockContext;
import io.bttspeed.devnet.chain.ChainParameters;
import io.bttspeed.devnet.chain.Rejection;
import io.bttspeed.devnet.chain.actuator.Actuator;
import io.bttspeed.devnet.crypto.Hash32;
import io.bttspeed.devnet.state.StateReader;
import io.bttspeed.devnet.state.TxScope;
import io.bttspeed.devnet.tvm.Address;
import io.bttspeed.devnet.tvm.CallRequest;
import io.bttspeed.devnet.tvm.ExecutionContext;
import io.bttspeed.devnet.tvm.ExecutionResult;
import io.bttspeed.devnet.tvm.word.Word;
import io.bttspeed.tron.address.TronAddress;
import org.tron.trident.proto.Contract.TriggerSmartContract;

/**
 * TriggerSmartContract: calls a deployed contract with TRX (call_value) and TRC-10
 * (call_token_value).
 */
public final class TriggerSmartContractActuator implements Actuator {
  private final TriggerSmartContract contract;
  private final ChainParameters parameters;
  private final VmEnvironment environment;
  private final Hash32 txId;
  private final long feeLimit;

  public TriggerSmartContractActuator(TriggerSmartContract contract, VmTransaction transaction) {
    this.contract = contract;
    this.parameters = transaction.parameters();
    this.environment = transaction.environment();
    this.txId = transaction.txId();
    this.feeLimit = transaction.feeLimit();
  }

  @Override
  public TronAddress owner() {
    return TronAddress.of(contract.getOwnerAddress());
  }

  @Override
  public boolean createsAccount(StateReader state) {
    return false;
  }

  @Override
  public void validate(StateReader state, BlockContext block) throws Rejection {
    validateCall(contract, parameters, state);
    VmCharges.checkFeeLimit(feeLimit, parameters);
  }

  /** The checks a call must pass whether it is a transaction or a constant call. */
  static void validateCall(
      TriggerSmartContract contract, ChainParameters parameters, StateReader state)
      throws Rejection {
    byte[] target = contract.getContractAddress().toByteArray();
    if (!TronAddress.isValid(target) || state.contract(TronAddress.of(target)).isEmpty()) {
      throw Rejection.contractValidate("No contract or not a smart contract");
    }
    VmCharges.checkValues(
        contract.getCallValue(), contract.getCallTokenValue(), contract.getTokenId());
    if (contract.getCallValue() > 0 || contract.getCallTokenValue() > 0) {
      VmCharges.checkFunds(
          state,
          TronAddress.of(contract.getOwnerAddress()),
          contract.getCallValue(),
          contract.getCallTokenValue(),
          contract.getTokenId());
    }
  }

  @Override
  public Outcome execute(TxScope scope, BlockContext block) {
    long limit =
        VmCharges.energyLimit(
            scope, owner(), feeLimit, contract.getCallValue(), environment.energyFee());
    ExecutionContext context =
        ExecutionContext.tron(
            Address.fromTron(owner().toByteArray()),
            limit,
            environment.blockFor(block),
            Word.fromBytes(txId.toByteArray()));
    ExecutionResult result =
        environment
            .tvm()
            .call(new VmStateView(scope, environment.blockHashes()), context, request(contract));
    return VmCharges.settle(
        result,
        scope,
        owner(),
        TronAddress.of(contract.getContractAddress()),
        environment,
        block,
        txId);
  }

  static CallRequest request(TriggerSmartContract contract) {
    return new CallRequest(
        Address.fromTron(contract.getContractAddress().toByteArray()),
        contract.getData().toByteArray(),
        contract.getCallValue(),
        contract.getCallTokenValue(),
        contract.getTokenId());
  }
}
