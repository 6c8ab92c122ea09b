package io.bttspeed.devnet.chain.contract;

import com.google.protobuf.ByteString;
import io.bttspeed.devnet.chain.BlockContext;
import io.bttspeed.devnet.chain.ChainParameters;
import io.bttspeed.devnet.chain.Rejection;
import io.bttspeed.devnet.chain.actuator.Actuator;
import io.bttspeed.devnet.crypto.Hash32;
import io.bttspeed.devnet.state.StateReader;
import io.bttspeed.devnet.state.TxScope;
import io.bttspeed.devnet.tvm.Address;
import io.bttspeed.devnet.tvm.ContractAddresses;
import io.bttspeed.devnet.tvm.CreateRequest;
import io.bttspeed.devnet.tvm.ExecutionContext;
import io.bttspeed.devnet.tvm.ExecutionResult;
import io.bttspeed.devnet.tvm.word.Word;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.hash.Keccak;
import org.tron.trident.proto.Common.SmartContract;
import org.tron.trident.proto.Contract.CreateSmartContract;
import org.tron.trident.proto.Response.Account;

/**
 * CreateSmartContract: runs the init code (constructor arguments appended) and stores the runtime
 * code it returns at keccak256(txid ‖ owner)[12..] with the 0x41 prefix, with the deployer's ABI
 * and resource settings.
 */
public final class CreateSmartContractActuator implements Actuator {
  private static final int MAX_NAME_BYTES = 32;

  private final CreateSmartContract contract;
  private final ChainParameters parameters;
  private final VmEnvironment environment;
  private final Hash32 txId;
  private final long feeLimit;

  public CreateSmartContractActuator(CreateSmartContract contract, VmTransaction transaction) {
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

  /** The address the contract will get. */
  public TronAddress contractAddress() {
    return addressFor(txId, TronAddress.of(contract.getOwnerAddress()));
  }

  /**
   * keccak256(txid ‖ owner)[12..] with the 0x41 prefix: where a CreateSmartContract puts its
   * contract.
   */
  public static TronAddress addressFor(Hash32 txId, TronAddress owner) {
    return VmStateView.tron(
        ContractAddresses.forCreateTransaction(
            Word.fromBytes(txId.toByteArray()), Address.fromTron(owner.toByteArray())));
  }

  @Override
  public void validate(StateReader state, BlockContext block) throws Rejection {
    SmartContract created = contract.getNewContract();
    if (!contract.getOwnerAddress().equals(created.getOriginAddress())) {
      throw Rejection.contractValidate("OwnerAddress is not equals OriginAddress");
    }
    if (created.getName().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
        > MAX_NAME_BYTES) {
      throw Rejection.contractValidate("contractName's length cannot be greater than 32");
    }
    long percent = created.getConsumeUserResourcePercent();
    if (percent < 0 || percent > 100) {
      throw Rejection.contractValidate("percent must be >= 0 and <= 100");
    }
    TronAddress address = contractAddress();
    if (state.account(address).isPresent()) {
      throw Rejection.contractValidate(
          "Trying to create a contract with existing contract address: " + address.base58());
    }
    VmCharges.checkFeeLimit(feeLimit, parameters);
    VmCharges.checkValues(
        created.getCallValue(), contract.getCallTokenValue(), contract.getTokenId());
    if (created.getOriginEnergyLimit() <= 0) {
      throw Rejection.contractValidate("The originEnergyLimit must be > 0");
    }
    VmCharges.checkFunds(
        state,
        owner(),
        created.getCallValue(),
        contract.getCallTokenValue(),
        contract.getTokenId());
  }

  @Override
  public Outcome execute(TxScope scope, BlockContext block) {
    SmartContract created = contract.getNewContract();
    long limit =
        VmCharges.energyLimit(
            scope, owner(), feeLimit, created.getCallValue(), environment.energyFee());
    ExecutionContext context =
        ExecutionContext.tron(
            Address.fromTron(owner().toByteArray()),
            limit,
            environment.blockFor(block),
            Word.fromBytes(txId.toByteArray()));
    ExecutionResult result =
        environment
            .tvm()
            .create(
                new VmStateView(scope, environment.blockHashes()),
                context,
                new CreateRequest(
                    created.getBytecode().toByteArray(),
                    created.getCallValue(),
                    contract.getCallTokenValue(),
                    contract.getTokenId()));
    Outcome outcome =
        VmCharges.settle(result, scope, owner(), contractAddress(), environment, block, txId);
    if (result.isSuccess()) {
      TronAddress address = contractAddress();
      byte[] runtime = result.returnData();
      scope.putContract(
          address,
          created.toBuilder()
              .setContractAddress(address.toByteString())
              .setVersion(1)
              .setTrxHash(txId.toByteString())
              .setCodeHash(ByteString.copyFrom(Keccak.hash(runtime)))
              .build(),
          ByteString.copyFrom(runtime));
      Account account = scope.account(address).orElseThrow();
      scope.putAccount(
          account.toBuilder().setAccountName(ByteString.copyFromUtf8(created.getName())).build());
    }
    return outcome;
  }
}
