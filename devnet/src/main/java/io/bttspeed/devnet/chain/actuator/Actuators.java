package io.bttspeed.devnet.chain.actuator;

import com.google.protobuf.InvalidProtocolBufferException;
import io.bttspeed.devnet.chain.ChainParameters;
import io.bttspeed.devnet.chain.Rejection;
import org.tron.trident.proto.Chain.Transaction;
import org.tron.trident.proto.Contract.AssetIssueContract;
import org.tron.trident.proto.Contract.TransferAssetContract;
import org.tron.trident.proto.Contract.TransferContract;

/** Finds the actuator for a transaction's contract. */
public final class Actuators {
  private final ChainParameters parameters;

  public Actuators(ChainParameters parameters) {
    this.parameters = parameters;
  }

  public Actuator forContract(Transaction.Contract contract) throws Rejection {
    try {
      return switch (contract.getType()) {
        case TransferContract -> new TransferActuator(
            contract.getParameter().unpack(TransferContract.class), parameters);
        case TransferAssetContract -> new TransferAssetActuator(
            contract.getParameter().unpack(TransferAssetContract.class), parameters);
        case AssetIssueContract -> new AssetIssueActuator(
            contract.getParameter().unpack(AssetIssueContract.class), parameters);
        default -> throw Rejection.contractValidate(
            "contract type " + contract.getType() + " is not supported by the devnet");
      };
    } catch (InvalidProtocolBufferException e) {
      throw Rejection.contractValidate(e.getMessage());
    }
  }
}
