package dev.pyrometer.helper.rules;

import java.util.List;

/**
 * The helper's own rule settings from {@code serve}: rules from {@code --rules FILE} (evaluated alongside
 * the controller's) and {@code --max-rule-profiles} (null: the controller's {@code max_concurrent}, else 1).
 */
public record RulesOptions(List<RuleConfig> fileRules, Integer maxRuleProfiles) {
    public static final RulesOptions NONE = new RulesOptions(List.of(), null);

    public RulesOptions {
        fileRules = List.copyOf(fileRules);
    }
}
