package io.bttspeed.devnet.chain.actuator;

import com.google.protobuf.InvalidProtocolBufferException;
import io.bttspeed.devnet.chain.ChainParameters;
import io.bttspeed.devnet.chain.Rejection;
import io.bttspeed.devnet.chain.contract.CreateSmartContractActuator;
import io.bttspeed.devnet.chain.contract.TriggerSmartContractActuator;
import io.bttspeed.devnet.chain.contract.VmEnvironment;
import io.bttspeed.devnet.chain.contract.VmTransaction;
import io.bttspeed.devnet.crypto.Hash32;
import org.tron.trident.proto.Chain.Transaction;
import org.tron.trident.proto.Contract.AssetIssueContract;
import org.tron.trident.proto.Contract.CreateSmartContract;
import org.tron.trident.proto.Contract.TransferAssetContract;
import org.tron.trident.proto.Contract.TransferContract;
import org.tron.trident.proto.Contract.TriggerSmartContract;

/** Finds the actuator for a transaction's contract. */
public final class Actuators {
  private final ChainParameters parameters;
  private final VmEnvironment environment;

  public Actuators(ChainParameters parameters, VmEnvironment environment) {
    this.parameters = parameters;
    this.environment = environment;
  }

  /**
   * @param txId the transaction's id (contract addresses derive from it)
   * @param feeLimit the most sun the transaction may burn for energy
   */
  public Actuator forContract(Transaction.Contract contract, Hash32 txId, long feeLimit)
      throws Rejection {
    try {
      return switch (contract.getType()) {
        case TransferContract ->
            new TransferActuator(
                contract.getParameter().unpack(TransferContract.class), parameters);
        case TransferAssetContract ->
            new TransferAssetActuator(
                contract.getParameter().unpack(TransferAssetContract.class), parameters);
        case AssetIssueContract ->
            new AssetIssueActuator(
                contract.getParameter().unpack(AssetIssueContract.class), parameters);
        case CreateSmartContract ->
            new CreateSmartContractActuator(
                contract.getParameter().unpack(CreateSmartContract.class),
                new VmTransaction(parameters, environment, txId, feeLimit));
        case TriggerSmartContract ->
            new TriggerSmartContractActuator(
                contract.getParameter().unpack(TriggerSmartContract.class),
                new VmTransaction(parameters, environment, txId, feeLimit));
        default ->
            throw Rejection.contractValidate(
                "contract type " + contract.getType() + " is not supported by the devnet");
      };
    } catch (InvalidProtocolBufferException e) {
      throw Rejection.contractValidate(e.getMessage());
    }
  }
}
