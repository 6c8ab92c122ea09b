package io.bttspeed.devnet.chain.actuator;

import com.google.protobuf.ByteString;
import io.bttspeed.devnet.chain.BlockContext;
import io.bttspeed.devnet.chain.ChainParameters;
import io.bttspeed.devnet.state.Accounts;
import io.bttspeed.devnet.state.StateReader;
import io.bttspeed.devnet.state.TxScope;
import io.bttspeed.tron.address.TronAddress;
import org.tron.trident.proto.Common.AccountType;
import org.tron.trident.proto.Response.Account;

/**
 * What TRX and TRC-10 transfers share: an owner paying a recipient that the transfer creates, for
 * {@code getCreateNewAccountFeeInSystemContract}, when it does not exist yet.
 */
abstract class PaymentActuator implements Actuator {
  protected final ChainParameters parameters;
  private final ByteString ownerAddress;
  private final ByteString toAddress;

  PaymentActuator(ByteString ownerAddress, ByteString toAddress, ChainParameters parameters) {
    this.ownerAddress = ownerAddress;
    this.toAddress = toAddress;
    this.parameters = parameters;
  }

  @Override
  public TronAddress owner() {
    return TronAddress.of(ownerAddress);
  }

  protected TronAddress to() {
    return TronAddress.of(toAddress);
  }

  @Override
  public boolean createsAccount(StateReader state) {
    byte[] to = toAddress.toByteArray();
    return TronAddress.isValid(to) && state.account(TronAddress.of(to)).isEmpty();
  }

  /** A recipient and the sun its creation cost the owner (0 when it already existed). */
  protected record Recipient(Account account, long creationFeeSun) {}

  /** The recipient, created now and its creation fee burned from the owner if it did not exist. */
  protected Recipient recipient(TxScope scope, BlockContext block) {
    TronAddress to = to();
    Account existing = scope.account(to).orElse(null);
    if (existing != null) {
      return new Recipient(existing, 0);
    }
    Account created = Accounts.newAccount(to, block.headTimeMs(), AccountType.Normal);
    scope.putAccount(created);
    long fee = parameters.createNewAccountFeeInSystemContract();
    scope.burn(owner(), fee);
    return new Recipient(created, fee);
  }
}
