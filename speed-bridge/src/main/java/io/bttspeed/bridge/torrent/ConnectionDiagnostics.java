package io.bttspeed.bridge.torrent;

import bt.module.PeerConnectionSelector;
import bt.net.IMessageDispatcher;
import bt.net.SharedSelector;
import bt.runtime.BtRuntime;
import com.google.inject.Key;

/**
 * What our dispatcher and our selector see of every connection of one engine: printed by tests on a
 * timeout, it told a consumer-less channel (messages read into no one) from a socket nobody read.
 */
final class ConnectionDiagnostics {
  private ConnectionDiagnostics() {}

  static String of(BtRuntime runtime) {
    SharedSelector selector =
        runtime
            .getInjector()
            .getInstance(Key.get(SharedSelector.class, PeerConnectionSelector.class));
    return "dispatcher:"
        + ((LimitingMessageDispatcher) runtime.service(IMessageDispatcher.class)).describe()
        + "\nselector:"
        + ((LockFreeSelector) selector).describe();
  }
}
