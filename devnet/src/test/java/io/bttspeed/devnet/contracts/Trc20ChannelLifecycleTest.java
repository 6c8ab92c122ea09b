package io.bttspeed.devnet.contracts;

import io.bttspeed.devnet.Devnet;

/** The channel lifecycle on SpeedChannels with the devnet's TRC-20 BTT. */
class Trc20ChannelLifecycleTest extends ChannelLifecycleCases {
  @Override
  ChannelHub hub(Devnet devnet, TridentCalls calls) {
    return new Trc20Hub(devnet, calls);
  }
}
