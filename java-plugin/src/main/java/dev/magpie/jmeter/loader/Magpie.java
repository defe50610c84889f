package dev.magpie.jmeter.loader;

/**
 * Typed facade over {@link MagpieNative#call}: one method per core call, JSON in and out.
 * No product logic here: that lives in the Rust core.
 */
public final class Magpie {
    private Magpie() {
    }

    /** {@code {"version": "...", "os": "...", "arch": "..."}} of the loaded native core. */
    public static String version() {
        return MagpieNative.call("version", "{}");
    }

    /**
     * Converts a HAR into a JMX plan.
     *
     * @param requestJson {@code {"har_path": ..., "output_path": ..., "options": {...}}}
     * @return the conversion summary as JSON
     */
    public static String har2jmx(String requestJson) {
        return MagpieNative.call("har2jmx", requestJson);
    }

    /**
     * Assesses a saved plan: score, family sub-scores and findings.
     *
     * @param requestJson {@code {"jmx_path": ..., "select": [codes], "ignore": [codes]}}
     * @return the report as JSON ({@code file}, {@code score}, {@code findings}, {@code text})
     */
    public static String assess(String requestJson) {
        return MagpieNative.call("assess", requestJson);
    }

    /**
     * The fixed text of a plan and a unified diff to preview; writes nothing.
     *
     * @param requestJson {@code {"jmx_path": ..., "select": [codes], "ignore": [codes], "unsafe_fixes": bool}}
     * @return {@code {"applied": n, "fixed_text": ..., "diff": ...}}
     */
    public static String assessFix(String requestJson) {
        return MagpieNative.call("assess_fix", requestJson);
    }

    /** Any core call by name (for calls without a typed helper yet). */
    public static String call(String method, String requestJson) {
        return MagpieNative.call(method, requestJson);
    }
}
