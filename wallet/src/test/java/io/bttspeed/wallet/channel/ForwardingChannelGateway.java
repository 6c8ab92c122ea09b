package io.bttspeed.wallet.channel;

import io.bttspeed.contracts.abi.CallData;
import io.bttspeed.contracts.abi.EventLog;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.wallet.chain.BroadcastResult;
import io.bttspeed.wallet.chain.ChainHead;
import io.bttspeed.wallet.chain.ChannelGateway;
import io.bttspeed.wallet.chain.SignedTransaction;
import io.bttspeed.wallet.keys.TronKey;
import java.util.List;
import java.util.Optional;

/**
 * The real gateway, every call passed through; a test overrides the calls it watches or holds back
 * (a node that loses what it was sent, say). Closing it leaves the real one open.
 */
class ForwardingChannelGateway implements ChannelGateway {
  final ChannelGateway real;

  ForwardingChannelGateway(ChannelGateway real) {
    this.real = real;
  }

  @Override
  public long chainId() {
    return real.chainId();
  }

  @Override
  public ChainHead head() {
    return real.head();
  }

  @Override
  public List<EventLog> blockLogs(long number) {
    return real.blockLogs(number);
  }

  @Override
  public ViewResult view(TronAddress owner, TronAddress contract, CallData data) {
    return real.view(owner, contract, data);
  }

  @Override
  public long estimateEnergy(
      TronAddress owner, TronAddress contract, CallData data, Optional<Amount> tokenValue) {
    return real.estimateEnergy(owner, contract, data, tokenValue);
  }

  @Override
  public SignedTransaction signCall(
      TronKey key,
      TronAddress contract,
      CallData data,
      Optional<Amount> tokenValue,
      long feeLimitSun) {
    return real.signCall(key, contract, data, tokenValue, feeLimitSun);
  }

  @Override
  public BroadcastResult broadcast(SignedTransaction tx) {
    return real.broadcast(tx);
  }

  @Override
  public Optional<CallOutcome> callOutcome(TxId txid) {
    return real.callOutcome(txid);
  }

  @Override
  public void close() {}
}
