package dev.wsingress.cli;

import dev.wsingress.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The targets a command can name: every target on the class path ({@link Target#discover()}), the
 * other forms their flags classes offer ({@code traefik-ingress}), and which flags belong to which.
 */
final class TargetCatalog {
  private final List<Target> discovered;
  private final List<TargetFlags> flags;
  private final Map<String, Target> byId = new LinkedHashMap<>();
  private final Map<String, TargetFlags> flagsById = new LinkedHashMap<>();
  private final Map<String, String> baseId = new LinkedHashMap<>();

  TargetCatalog(List<Target> discovered, List<TargetFlags> flags) {
    this.discovered = discovered;
    this.flags = flags;
    for (Target t : discovered) {
      byId.put(t.id(), t);
      baseId.put(t.id(), t.id());
    }
    for (TargetFlags f : flags) {
      if (!byId.containsKey(f.targetId())) {
        continue; // its module is not on the class path
      }
      flagsById.put(f.targetId(), f);
      for (Target form : f.forms()) {
        byId.putIfAbsent(form.id(), form);
        baseId.putIfAbsent(form.id(), f.targetId());
        flagsById.putIfAbsent(form.id(), f);
      }
    }
  }

  /** Every target on the class path, in the order of their ids. */
  List<Target> discovered() {
    return discovered;
  }

  /** Every target a command can name, forms included. */
  List<Target> all() {
    return List.copyOf(byId.values());
  }

  /** The id of the discovered target a form belongs to (its own id for a discovered target). */
  String baseId(Target t) {
    return baseId.getOrDefault(t.id(), t.id());
  }

  /** The flags of a target or form, or null when it has none. */
  TargetFlags flags(Target t) {
    return flagsById.get(t.id());
  }

  /** Every flags class whose target is on the class path. */
  List<TargetFlags> allFlags() {
    return flags.stream().filter(f -> byId.containsKey(f.targetId())).toList();
  }

  /**
   * The renderings {@code --target} asks for: one set of every named target, or (for {@code all}
   * and {@code each}) one set per target.
   *
   * @throws CliException a usage error for an unknown or repeated name
   */
  List<List<Target>> sets(List<String> names, boolean each, String option) {
    List<Target> chosen = new ArrayList<>();
    boolean all = false;
    for (String raw : names) {
      String name = raw.strip();
      if (name.equals("all")) {
        all = true;
        continue;
      }
      Target t = byId.get(name);
      if (t == null) {
        String suggestion = Suggestions.closest(name, byId.keySet());
        throw CliException.usage(
            option
                + ": unknown target "
                + dev.wsingress.SpecRules.show(name)
                + (suggestion != null ? ": did you mean \"" + suggestion + "\"?" : ".")
                + " The targets are: "
                + String.join(", ", byId.keySet())
                + " and all.");
      }
      if (chosen.contains(t)) {
        throw CliException.usage(option + ": " + name + " is given twice");
      }
      chosen.add(t);
    }
    if (all) {
      if (!chosen.isEmpty()) {
        throw CliException.usage(option + ": all already names every target; give it alone");
      }
      chosen.addAll(discovered);
      each = true;
    }
    if (chosen.isEmpty()) {
      throw CliException.usage(
          option + ": name at least one target (wsingress targets lists them)");
    }
    List<List<Target>> sets = new ArrayList<>();
    if (each) {
      for (Target t : chosen) {
        sets.add(List.of(t));
      }
    } else {
      sets.add(List.copyOf(chosen));
    }
    return sets;
  }
}
