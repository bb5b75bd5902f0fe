package dev.wsingress;

import java.util.List;
import java.util.Objects;

/**
 * What a target knows about the rendering it is part of: which other targets render the same app. A
 * target uses it to place settings on objects another target owns (for example Service annotations
 * when the platform Service renders in the same set) or to report clashes between targets.
 *
 * <pre>{@code
 * boolean withPlatform = context.includes("platform");
 * }</pre>
 */
public final class RenderContext {
  private final List<String> targetIds;
  private final Contributions contributions;

  RenderContext(List<String> targetIds, Contributions contributions) {
    this.targetIds = List.copyOf(targetIds);
    this.contributions = contributions;
  }

  /** A context for one target rendering alone, with only its own contributions. */
  public static RenderContext alone(Target target, WebSocketApp app) {
    return Targets.context(app, List.of(target));
  }

  /** What the targets of this rendering need on objects another target owns. */
  public Contributions contributions() {
    return contributions;
  }

  /** The ids of every target in this rendering, in the order given. */
  public List<String> targetIds() {
    return targetIds;
  }

  /** Whether a target with this id renders in the same set. */
  public boolean includes(String targetId) {
    return targetIds.contains(Objects.requireNonNull(targetId, "targetId"));
  }
}
