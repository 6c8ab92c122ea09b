package io.bttspeed.bridge.limits;

/**
 * A transfer rate cap in bytes per second; {@link #UNLIMITED} (zero) means no cap.
 *
 * @param bytesPerSecond the cap, bytes/s; 0 for none
 */
public record Rate(long bytesPerSecond) {
  /** No cap. */
  public static final Rate UNLIMITED = new Rate(0);

  /**
   * Above this a cap means nothing on any link we run on, and the bucket arithmetic stays in a
   * long.
   */
  public static final long MAX_BYTES_PER_SECOND = 1L << 34;

  public Rate {
    if (bytesPerSecond < 0 || bytesPerSecond > MAX_BYTES_PER_SECOND) {
      throw new IllegalArgumentException(
          "a rate cap must be between 0 (unlimited) and "
              + MAX_BYTES_PER_SECOND
              + " bytes/s, not "
              + bytesPerSecond);
    }
  }

  public static Rate bytesPerSecond(long bytesPerSecond) {
    return new Rate(bytesPerSecond);
  }

  public boolean isUnlimited() {
    return bytesPerSecond == 0;
  }
}
