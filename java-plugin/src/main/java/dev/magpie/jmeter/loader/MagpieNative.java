package dev.magpie.jmeter.loader;

/**
 * The one native entry point of the Magpie core. Every call takes a method name and a JSON
 * request and returns JSON; failures are thrown as {@link MagpieException}.
 *
 * <p>Prefer the typed helpers in {@link Magpie}. The native library is loaded (once) when this
 * class is initialised.
 */
public final class MagpieNative {
    static {
        NativeLibrary.load();
    }

    private MagpieNative() {
    }

    /**
     * Calls the core.
     *
     * @param method      e.g. {@code "version"}, {@code "har2jmx"}
     * @param requestJson the request as a JSON document ({@code "{}"} when there is nothing to say)
     * @return the response as JSON
     * @throws MagpieException with the core's error text (or "internal error: ..." for a bug)
     */
    public static native String call(String method, String requestJson);

    /**
     * Compiles a soft-failure baseline (JSON: content_type, size, min_size_ratio, path, ignore)
     * once; the handle stays valid for the life of the JVM.
     *
     * @throws MagpieException when the JSON is not a baseline
     */
    public static native long softFailureCompile(String baselineJson);

    /**
     * Judges one response against a compiled baseline (reads at most 64 KB of the body).
     *
     * @return null when the response is fine, else a message starting "Magpie soft failure: "
     */
    public static native String softFailureCheck(long handle, int status, String contentType, String url, byte[] body);
}
