package dev.pyrometer.controller.compare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The t-test and Holm's correction against values computed independently. */
class WelchTestTest {
    @Test
    void pValueMatchesNumericIntegrationOfStudentsT() {
        // t = 1.897, df = 5.88; p by integrating the t density numerically: 0.10753
        assertEquals(0.10753, WelchTest.pValue(new double[] {1, 2, 3, 4, 5}, new double[] {2, 4, 6, 8, 10}), 1e-4);
        assertEquals(1.0, WelchTest.pValue(new double[] {1, 1}, new double[] {1, 1}));
        assertEquals(0.0, WelchTest.pValue(new double[] {0, 0}, new double[] {1, 1}));
    }

    @Test
    void holmStopsAtTheFirstNonRejection() {
        // alpha 0.05, m = 4: 0.01 < 0.0125 rejected, 0.02 < 0.0167 fails, so 0.03 is kept though < 0.05/2
        assertArrayEquals(new boolean[] {false, true, false, false},
                WelchTest.holm(new double[] {0.03, 0.01, 0.02, 0.9}, 0.05));
    }
}
