package dev.pyrometer.controller;

import java.nio.charset.StandardCharsets;

/** A small flame graph page for tests, until the renderer can produce one. */
final class TestFlameGraph {
    private TestFlameGraph() {
    }

    static byte[] html(String hotFrame) {
        return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Flame Graph</title></head><body>"
                + "<svg width='600' height='40'><g><rect x='0' y='20' width='600' height='16' fill='#e07040'/>"
                + "<text x='4' y='32'>java.lang.Thread.run</text></g><g><rect x='0' y='2' width='540' height='16'"
                + " fill='#e0a040'/><text x='4' y='14'>" + hotFrame + "</text></g></svg></body></html>")
                .getBytes(StandardCharsets.UTF_8);
    }
}
