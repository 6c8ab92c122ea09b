package io.bttspeed.wallet.transfer;

import io.bttspeed.tron.id.TxId;
import io.bttspeed.wallet.chain.SignedTransaction;
import io.bttspeed.wallet.chain.TronGateway;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts what a real gateway is asked to broadcast, per txid, so a test can prove "sent once, never
 * resent": the chain cannot tell, because it answers a repeated broadcast with
 * DUP_TRANSACTION_ERROR and changes nothing. Every call still goes to the real gateway.
 */
final class BroadcastCount {
  private final Map<TxId, Integer> byTxid = new ConcurrentHashMap<>();

  TronGateway around(TronGateway real) {
    return (TronGateway)
        Proxy.newProxyInstance(
            TronGateway.class.getClassLoader(),
            new Class<?>[] {TronGateway.class},
            (proxy, method, args) -> {
              if (method.getName().equals("broadcast")
                  && args != null
                  && args[0] instanceof SignedTransaction tx) {
                byTxid.merge(tx.txid(), 1, Integer::sum);
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  int of(TxId txid) {
    return byTxid.getOrDefault(txid, 0);
  }
}
