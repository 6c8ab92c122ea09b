package io.bttspeed.devnet.state;

/**
 * The chain-wide counters that transactions change, as java-tron keeps them in its dynamic
 * properties.
 *
 * @param tokenIdNum the id of the last TRC-10 token issued; the next one gets the next free id
 * @param publicNetUsage bandwidth bytes used from the chain-wide free pool, decayed as account
 *     usage is
 * @param publicNetTime the slot at which {@code publicNetUsage} was last updated
 * @param burnedSun every sun burned by fees since genesis
 */
public record DynamicProperties(
    long tokenIdNum, long publicNetUsage, long publicNetTime, long burnedSun) {
  public DynamicProperties withTokenIdNum(long value) {
    return new DynamicProperties(value, publicNetUsage, publicNetTime, burnedSun);
  }

  public DynamicProperties withPublicNet(long usage, long time) {
    return new DynamicProperties(tokenIdNum, usage, time, burnedSun);
  }

  public DynamicProperties withBurned(long sun) {
    return new DynamicProperties(
        tokenIdNum, publicNetUsage, publicNetTime, Math.addExact(burnedSun, sun));
  }
}
