package dev.pyrometer.controller;

/** {@code pyrometer-controller}: the hub. PLACEHOLDER until the controller issue. */
public final class ControllerMain {
    public static void main(String[] args) {
        System.err.println("pyrometer-controller: not implemented yet");
        System.exit(70);
    }
}
