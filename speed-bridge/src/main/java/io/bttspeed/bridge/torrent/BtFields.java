package io.bttspeed.bridge.torrent;

import java.lang.reflect.Field;

/**
 * Reads a private field of a Bt 1.10 object, for the few fixes that have no binding to replace
 * (IdleConnectionWorkers, PeerExtensionMappings). Bt is pinned at 1.10; a Bt without the field
 * fails here when the engine starts, not quietly later.
 */
final class BtFields {
  private BtFields() {}

  /** The value of {@code owner}'s own field {@code name}; never null. */
  static Object read(Object owner, String name) {
    try {
      Field field = owner.getClass().getDeclaredField(name);
      field.setAccessible(true);
      Object value = field.get(owner);
      if (value == null) {
        throw new IllegalStateException(owner.getClass().getName() + "." + name + " is null");
      }
      return value;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(
          "Bt 1.10's " + owner.getClass().getName() + " has no field " + name, e);
    }
  }
}
