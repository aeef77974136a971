package dev.pyrometer.helper.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyrometer.wire.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When rules fire, fed CPU samples one second apart as the sampler would produce them. */
class RuleEngineTest {
    private static final RuleConfig HOT = RuleConfig.of(new Rule("hot", 100, "3s", "5s", "cpu", null, "20s", null, false));

    private final RuleEngine engine = new RuleEngine();
    private long now = 1_000_000;

    /** One sample of JVM 42 a second after the previous; the firings it causes. */
    private List<RuleEngine.Firing> sample(double cpu, RuleConfig... rules) {
        now += 1000;
        return engine.evaluate(now, List.of(rules), List.of(new RuleEngine.Observation(42, "shop", cpu)));
    }

    @Test
    void firesOnceTheJvmStayedAtOrAboveTheThresholdForTheWholeFor() {
        sample(10, HOT);
        assertEquals(List.of(), sample(150, HOT));
        assertEquals(List.of(), sample(100, HOT), "at the threshold counts as above");
        List<RuleEngine.Firing> f = sample(170, HOT);
        assertEquals(1, f.size(), "three one-second windows above: 'for' 3s reached");
        assertEquals(42, f.get(0).pid());
        assertEquals(140.0, f.get(0).observedCpuPercent(), "the mean over the time above");
    }

    @Test
    void aDipBelowTheThresholdStartsTheCountAgain() {
        sample(10, HOT);
        sample(150, HOT);
        sample(150, HOT);
        assertEquals(List.of(), sample(99, HOT));
        sample(150, HOT);
        sample(150, HOT);
        assertEquals(1, sample(150, HOT).size());
    }

    @Test
    void holdsItsCooldownThenFiresAgainOnceReArmed() {
        sample(10, HOT);
        sample(150, HOT);
        sample(150, HOT);
        RuleEngine.Firing first = sample(150, HOT).get(0);
        engine.fired(first, now);
        long firedAt = now;
        // down (re-armed) and up again quickly: still within the 20 s cooldown
        sample(10, HOT);
        while (now < firedAt + 19_000) {
            assertEquals(List.of(), sample(150, HOT), "cooldown holds at " + (now - firedAt) + " ms");
        }
        assertEquals(1, sample(150, HOT).size(), "after the cooldown, the condition still holding fires");
    }

    @Test
    void hysteresisReArmsOnlyBelowEightyPercentOfTheThreshold() {
        sample(10, HOT);
        sample(150, HOT);
        sample(150, HOT);
        engine.fired(sample(150, HOT).get(0), now);
        // hovering between 80 and 100: dips below the threshold do not re-arm it, even long after the cooldown
        for (int i = 0; i < 40; i++) {
            assertEquals(List.of(), sample(i % 2 == 0 ? 85 : 150, HOT), "not re-armed at second " + i);
        }
        sample(79, HOT);
        sample(150, HOT);
        sample(150, HOT);
        assertEquals(1, sample(150, HOT).size(), "re-armed by the dip under 80");
    }

    @Test
    void aSkippedFiringComesBackAndOtherRulesAndAppsAreSeparate() {
        RuleConfig other = RuleConfig.of(new Rule("billing", 50, "1s", "5s", "cpu", null, "1m", "billing", false));
        RuleConfig any = RuleConfig.of(new Rule("any", 50, "1s", "5s", "cpu", null, "1m", null, false));
        sample(10, HOT, other, any);
        List<RuleEngine.Firing> f = sample(150, HOT, other, any);
        assertEquals(List.of("any"), f.stream().map(x -> x.rule().id()).toList(), "app 'shop' is not 'billing'");
        // not reported as fired (the caller skipped it: JVM busy, cap reached): it fires again next time
        assertEquals(List.of("any"), sample(150, HOT, other, any).stream().map(x -> x.rule().id()).toList());
        List<RuleEngine.Firing> third = sample(150, HOT, other, any);
        assertTrue(third.stream().anyMatch(x -> x.rule().id().equals("hot")), "hot has its own 3 s");
    }
}
