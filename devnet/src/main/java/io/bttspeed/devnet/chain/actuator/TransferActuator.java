package io.bttspeed.devnet.chain.actuator;

import io.bttspeed.devnet.chain.BlockContext;
import io.bttspeed.devnet.chain.ChainParameters;
import io.bttspeed.devnet.chain.Rejection;
import io.bttspeed.devnet.state.StateReader;
import io.bttspeed.devnet.state.TxScope;
import io.bttspeed.tron.address.TronAddress;
import java.util.Optional;
import org.tron.trident.proto.Contract.TransferContract;
import org.tron.trident.proto.Response.Account;

/** TransferContract: moves TRX, creating the recipient (for a fee) when it does not exist yet. */
final class TransferActuator extends PaymentActuator {
  private final TransferContract contract;

  TransferActuator(TransferContract contract, ChainParameters parameters) {
    super(contract.getOwnerAddress(), contract.getToAddress(), parameters);
    this.contract = contract;
  }

  @Override
  public void validate(StateReader state, BlockContext block) throws Rejection {
    byte[] ownerBytes = contract.getOwnerAddress().toByteArray();
    byte[] toBytes = contract.getToAddress().toByteArray();
    if (!TronAddress.isValid(ownerBytes)) {
      throw Rejection.contractValidate("Invalid ownerAddress!");
    }
    if (!TronAddress.isValid(toBytes)) {
      throw Rejection.contractValidate("Invalid toAddress!");
    }
    TronAddress owner = TronAddress.of(ownerBytes);
    TronAddress to = TronAddress.of(toBytes);
    if (owner.equals(to)) {
      throw Rejection.contractValidate("Cannot transfer TRX to yourself.");
    }
    Account ownerAccount =
        state
            .account(owner)
            .orElseThrow(
                () ->
                    Rejection.contractValidate(
                        "Validate TransferContract error, no OwnerAccount."));
    long amount = contract.getAmount();
    if (amount <= 0) {
      throw Rejection.contractValidate("Amount must be greater than 0.");
    }
    Optional<Account> toAccount = state.account(to);
    long fee = toAccount.isEmpty() ? parameters.createNewAccountFeeInSystemContract() : 0;
    try {
      if (ownerAccount.getBalance() < Math.addExact(amount, fee)) {
        throw Rejection.contractValidate(
            "Validate TransferContract error, balance is not sufficient.");
      }
      if (toAccount.isPresent()) {
        Math.addExact(toAccount.get().getBalance(), amount);
      }
    } catch (ArithmeticException e) {
      throw Rejection.contractValidate(e.getMessage());
    }
  }

  @Override
  public Outcome execute(TxScope scope, BlockContext block) {
    Recipient recipient = recipient(scope, block);
    Account ownerAccount = scope.account(owner()).orElseThrow();
    long amount = contract.getAmount();
    scope.putAccount(
        ownerAccount.toBuilder()
            .setBalance(Math.subtractExact(ownerAccount.getBalance(), amount))
            .build());
    scope.putAccount(
        recipient.account().toBuilder()
            .setBalance(Math.addExact(recipient.account().getBalance(), amount))
            .build());
    return new Outcome(recipient.creationFeeSun(), "");
  }
}
