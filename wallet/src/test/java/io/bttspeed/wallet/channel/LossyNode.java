package io.bttspeed.wallet.channel;

import io.bttspeed.contracts.abi.CallData;
import io.bttspeed.tron.address.TronAddress;
import io.bttspeed.tron.id.TxId;
import io.bttspeed.tron.money.Amount;
import io.bttspeed.wallet.chain.BroadcastResult;
import io.bttspeed.wallet.chain.ChannelGateway;
import io.bttspeed.wallet.chain.SignedTransaction;
import io.bttspeed.wallet.keys.TronKey;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real node, except for the calls to the channel hub (opens, closes): it can die at their
 * broadcast, or lose the first ones (answer as if taken and pass nothing on, as a node that
 * restarts does).
 */
final class LossyNode extends ForwardingChannelGateway {
  /**
   * Stands for the process dying at a broadcast: an Error, so that no handler of the call's runs
   * after it (its finally blocks only release locks).
   */
  static final class Crash extends Error {
    private static final long serialVersionUID = 1L;

    Crash() {
      super("the wallet died here");
    }
  }

  private final TronAddress hub;
  private final Set<TxId> opens = ConcurrentHashMap.newKeySet();
  final Map<TxId, AtomicInteger> openBroadcasts = new ConcurrentHashMap<>();
  volatile boolean dieAtHubCall;
  volatile boolean dieAtAnything;
  volatile boolean dieAtView;
  volatile boolean dieAtEstimate;
  final AtomicInteger toLose = new AtomicInteger();

  LossyNode(ChannelGateway real, TronAddress hub) {
    super(real);
    this.hub = hub;
  }

  @Override
  public SignedTransaction signCall(
      TronKey key,
      TronAddress contract,
      CallData data,
      Optional<Amount> tokenValue,
      long feeLimitSun) {
    SignedTransaction tx = real.signCall(key, contract, data, tokenValue, feeLimitSun);
    if (contract.equals(hub)) {
      opens.add(tx.txid());
    }
    return tx;
  }

  @Override
  public long estimateEnergy(
      TronAddress owner, TronAddress contract, CallData data, Optional<Amount> tokenValue) {
    if (dieAtEstimate) {
      throw new Crash();
    }
    return real.estimateEnergy(owner, contract, data, tokenValue);
  }

  @Override
  public ViewResult view(TronAddress owner, TronAddress contract, CallData data) {
    if (dieAtView) {
      throw new Crash();
    }
    return real.view(owner, contract, data);
  }

  @Override
  public BroadcastResult broadcast(SignedTransaction tx) {
    if (dieAtAnything) {
      throw new Crash();
    }
    if (opens.contains(tx.txid())) {
      openBroadcasts.computeIfAbsent(tx.txid(), t -> new AtomicInteger()).incrementAndGet();
      if (dieAtHubCall) {
        throw new Crash();
      }
      if (toLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        return new BroadcastResult.Accepted();
      }
    }
    return real.broadcast(tx);
  }
}
