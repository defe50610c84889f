package dev.magpie.jmeter.loader;

/**
 * Any failure of a Magpie native call (bad input, unknown method, an internal error in the core)
 * or of loading the native library. The message is the core's error text, meant for the user.
 *
 * <p>Thrown from Rust through JNI: keep the {@code (String)} constructor.
 */
public class MagpieException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MagpieException(String message) {
        super(message);
    }

    public MagpieException(String message, Throwable cause) {
        super(message, cause);
    }
}
