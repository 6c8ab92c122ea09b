package io.bttspeed.wallet.channel;

import io.bttspeed.contracts.abi.CallData;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.tron.money.Asset;
import io.bttspeed.wallet.chain.AccountState;
import io.bttspeed.wallet.chain.ChainFees;
import io.bttspeed.wallet.chain.ChannelGateway;
import io.bttspeed.wallet.chain.TronGateway;
import io.bttspeed.wallet.error.FailedPreconditionException;
import io.bttspeed.wallet.error.InsufficientFundsException;
import java.math.BigInteger;
import java.util.Optional;

/**
 * Whether the sender of a channel transaction holds what the transaction spends, asked of the node
 * before anything is signed: the tokens it moves into a channel, and the TRX its fee burns. Sent
 * without them, the chain refuses the transaction (a TRC-20 approve ahead of it burning its fee for
 * nothing) and the caller learns only the node's terse reason.
 */
final class SenderFunds {

  /**
   * Bytes of a contract-call transaction beyond its call data, rounded up: raw data with TaPoS,
   * expiration, timestamp and fee limit, the contract's owner and address, the signature, and the
   * 64 bytes java-tron counts for the result.
   */
  static final long TRANSACTION_BYTES_BEYOND_DATA = 300;

  private final ChannelGateway gateway;
  private final TronGateway tron;

  SenderFunds(ChannelGateway gateway, TronGateway tron) {
    this.gateway = gateway;
    this.tron = tron;
  }

  /**
   * Fails with the shortfall when {@code owner} holds less of the hub's token than {@code amount}.
   */
  void requireTokens(ChannelHub hub, TronAddress owner, Amount amount) {
    BigInteger held =
        hub.asset() instanceof Asset.Trc20 token
            ? tron.trc20Balance(token.contract(), owner)
            : BigInteger.valueOf(tron.account(owner).trc10(((Asset.Trc10) hub.asset()).tokenId()));
    if (amount.units().compareTo(held) > 0) {
      throw new InsufficientFundsException(hub.asset().key(), amount.units(), held);
    }
  }

  /**
   * Fails, saying how much TRX to send, when {@code owner} does not exist on chain or holds less
   * TRX than the call's fee estimate: the energy the node estimates at the chain's energy price,
   * plus the bandwidth beyond the owner's free bandwidth at the chain's bandwidth price. Staked
   * energy is not counted, as the transfer fee checks do not count it.
   */
  void requireFeeFunds(
      String what, TronAddress owner, TronAddress contract, CallData data, Optional<Amount> value) {
    AccountState account = tron.account(owner);
    ChainFees fees = tron.fees();
    long energy = gateway.estimateEnergy(owner, contract, data, value);
    long energySun = Math.multiplyExact(energy, fees.energyPriceSun());
    long bytes = data.bytes().length + TRANSACTION_BYTES_BEYOND_DATA;
    long bandwidthSun =
        account.exists() && bytes <= account.freeBandwidthBytes()
            ? 0
            : Math.multiplyExact(bytes, fees.bandwidthPriceSun());
    long feeSun = Math.addExact(energySun, bandwidthSun);
    if (account.exists() && account.trxSun() >= feeSun) {
      return;
    }
    String holds =
        account.exists()
            ? "holds " + account.trxSun() + " sun of TRX"
            : "is not activated on chain (it has never received TRX)";
    long missing = Math.max(1, feeSun - (account.exists() ? account.trxSun() : 0));
    throw new FailedPreconditionException(
        what
            + " needs TRX for its fee, an estimated "
            + feeSun
            + " sun ("
            + energy
            + " energy at "
            + fees.energyPriceSun()
            + " sun and "
            + bandwidthSun
            + " sun of bandwidth), and the sending address "
            + owner
            + " "
            + holds
            + "; send it at least "
            + missing
            + " sun of TRX and retry");
  }
}
