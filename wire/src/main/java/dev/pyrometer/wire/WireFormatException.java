package dev.pyrometer.wire;

/** A frame that is not valid JSON or lacks a field docs/protocol.md requires. */
public class WireFormatException extends RuntimeException {
    public WireFormatException(String message) {
        super(message);
    }
}
