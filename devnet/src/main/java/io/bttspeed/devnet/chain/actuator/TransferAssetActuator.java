package io.bttspeed.devnet.chain.actuator;

import io.bttspeed.devnet.chain.BlockContext;
import io.bttspeed.devnet.chain.ChainParameters;
import io.bttspeed.devnet.chain.Rejection;
import io.bttspeed.devnet.state.Accounts;
import io.bttspeed.devnet.state.StateReader;
import io.bttspeed.devnet.state.TxScope;
import io.bttspeed.tron.address.TronAddress;
import java.util.Optional;
import org.tron.trident.proto.Contract.TransferAssetContract;
import org.tron.trident.proto.Response.Account;

/**
 * TransferAssetContract: moves a TRC-10 token, named by its decimal id (java-tron with
 * same-token-names on).
 */
final class TransferAssetActuator extends PaymentActuator {
  private final TransferAssetContract contract;

  TransferAssetActuator(TransferAssetContract contract, ChainParameters parameters) {
    super(contract.getOwnerAddress(), contract.getToAddress(), parameters);
    this.contract = contract;
  }

  @Override
  public void validate(StateReader state, BlockContext block) throws Rejection {
    byte[] ownerBytes = contract.getOwnerAddress().toByteArray();
    byte[] toBytes = contract.getToAddress().toByteArray();
    String tokenId = contract.getAssetName().toStringUtf8();
    long amount = contract.getAmount();
    if (!TronAddress.isValid(ownerBytes)) {
      throw Rejection.contractValidate("Invalid ownerAddress");
    }
    if (!TronAddress.isValid(toBytes)) {
      throw Rejection.contractValidate("Invalid toAddress");
    }
    if (amount <= 0) {
      throw Rejection.contractValidate("Amount must be greater than 0.");
    }
    TronAddress owner = TronAddress.of(ownerBytes);
    TronAddress to = TronAddress.of(toBytes);
    if (owner.equals(to)) {
      throw Rejection.contractValidate("Cannot transfer asset to yourself.");
    }
    Account ownerAccount =
        state.account(owner).orElseThrow(() -> Rejection.contractValidate("No owner account!"));
    if (state.asset(tokenId).isEmpty()) {
      throw Rejection.contractValidate("No asset!");
    }
    long balance = Accounts.tokenBalance(ownerAccount, tokenId);
    if (balance <= 0) {
      throw Rejection.contractValidate("assetBalance must be greater than 0.");
    }
    if (amount > balance) {
      throw Rejection.contractValidate("assetBalance is not sufficient.");
    }
    Optional<Account> toAccount = state.account(to);
    if (toAccount.isPresent()) {
      try {
        Math.addExact(Accounts.tokenBalance(toAccount.get(), tokenId), amount);
      } catch (ArithmeticException e) {
        throw Rejection.contractValidate(e.getMessage());
      }
    } else if (ownerAccount.getBalance() < parameters.createNewAccountFeeInSystemContract()) {
      throw Rejection.contractValidate("Validate TransferAssetActuator error, insufficient fee.");
    }
  }

  @Override
  public Outcome execute(TxScope scope, BlockContext block) {
    String tokenId = contract.getAssetName().toStringUtf8();
    long amount = contract.getAmount();
    Recipient recipient = recipient(scope, block);
    Account ownerAccount = scope.account(owner()).orElseThrow();
    scope.putAccount(
        Accounts.withTokenBalance(
            ownerAccount,
            tokenId,
            Math.subtractExact(Accounts.tokenBalance(ownerAccount, tokenId), amount)));
    scope.putAccount(
        Accounts.withTokenBalance(
            recipient.account(),
            tokenId,
            Math.addExact(Accounts.tokenBalance(recipient.account(), tokenId), amount)));
    return new Outcome(recipient.creationFeeSun(), "");
  }
}
