package dev.magpie.jmeter.loader;

/**
 * A main() for tests that need a fresh JVM (system properties read at load time, one load per
 * JVM): prints the loaded path and the core version, or "MagpieException: <message>".
 */
public final class LoaderProbe {
    private LoaderProbe() {
    }

    public static void main(String[] args) {
        try {
            System.out.println("loaded=" + NativeLibrary.load());
            System.out.println("version=" + Magpie.version());
            if (args.length > 0) {
                try {
                    Magpie.call(args[0], "{}");
                } catch (MagpieException e) {
                    System.out.println("call failed: " + e.getMessage());
                }
                System.out.println("still alive: " + Magpie.version());
            }
        } catch (MagpieException e) {
            System.out.println("MagpieException: " + e.getMessage());
        }
    }
}
