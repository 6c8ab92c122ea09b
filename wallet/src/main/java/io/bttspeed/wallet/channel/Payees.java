package io.bttspeed.wallet.channel;

import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.wallet.error.InvalidArgumentException;
import io.bttspeed.wallet.store.WalletRecord;
import java.util.Arrays;

/** Which addresses a payer may open a channel to. */
final class Payees {

  private Payees() {}

  /**
   * Refuses a payee the chain would take but that could never redeem a voucher: the zero address,
   * the payer itself, or a channel contract (which signs nothing).
   */
  static void require(TronAddress payee, WalletRecord payer, ChannelHubs hubs) {
    if (Arrays.equals(payee.evm(), new byte[20])) {
      throw new InvalidArgumentException(
          "payee_address is the zero address, which no one can sign for; give the payee's address");
    }
    if (payee.equals(payer.address())) {
      throw new InvalidArgumentException(
          "payee_address is the paying wallet itself; a channel needs two parties");
    }
    if (hubs.at(payee).isPresent()) {
      throw new InvalidArgumentException(
          "payee_address " + payee + " is a channel contract, which cannot redeem vouchers");
    }
  }
}
