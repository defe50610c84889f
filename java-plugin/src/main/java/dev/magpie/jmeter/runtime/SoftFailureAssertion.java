package dev.magpie.jmeter.runtime;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jmeter.assertions.Assertion;
import org.apache.jmeter.assertions.AssertionResult;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.testelement.AbstractTestElement;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.magpie.jmeter.loader.MagpieNative;

/**
 * Magpie Soft Failure Assertion: fails samples that look successful but are not (an error page
 * with status 200, a login page mid-journey, a JSON error status, a content type or a size unlike
 * the recording). The baseline is the element's properties; the judgement is the Rust core's
 * ({@code magpie-softfail}), compiled once per baseline and called once per sample.
 */
public class SoftFailureAssertion extends AbstractTestElement implements Assertion, Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static final String CONTENT_TYPE = "MagpieSoftFailure.content_type";
    public static final String RECORDED_SIZE = "MagpieSoftFailure.recorded_size";
    public static final String MIN_SIZE_PERCENT = "MagpieSoftFailure.min_size_percent";
    public static final String RECORDED_PATH = "MagpieSoftFailure.recorded_path";
    public static final String IGNORE = "MagpieSoftFailure.ignore";

    /**
     * The compiled baseline (0: not yet). JMeter clones test elements for every thread of every
     * run, so each clone compiles once, from the properties it was cloned with.
     */
    private transient long handle;

    @Override
    public AssertionResult getResult(SampleResult response) {
        AssertionResult result = new AssertionResult(getName());
        try {
            if (handle == 0) {
                handle = MagpieNative.softFailureCompile(baselineJson());
            }
            String message = MagpieNative.softFailureCheck(handle, status(response.getResponseCode()),
                    response.getContentType(), response.getUrlAsString(), response.getResponseData());
            if (message != null) {
                result.setFailure(true);
                result.setFailureMessage(message);
            }
        } catch (RuntimeException | LinkageError e) {
            result.setError(true);
            result.setFailureMessage("Magpie soft-failure check could not run: " + e.getMessage());
        }
        return result;
    }

    private static int status(String code) {
        try {
            return Integer.parseInt(code == null ? "" : code.trim());
        } catch (NumberFormatException e) {
            return 0; // "Non HTTP response code: …": already a failure, not ours to judge
        }
    }

    /** The properties as the core's baseline JSON. */
    String baselineJson() {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("content_type", getPropertyAsString(CONTENT_TYPE));
        b.put("size", Math.max(0L, getPropertyAsLong(RECORDED_SIZE, 0L)));
        b.put("min_size_ratio", Math.max(0, getPropertyAsInt(MIN_SIZE_PERCENT, 0)) / 100.0);
        b.put("path", getPropertyAsString(RECORDED_PATH));
        List<String> ignore = new ArrayList<>();
        for (String kind : getPropertyAsString(IGNORE).split(",")) {
            if (!kind.trim().isEmpty()) {
                ignore.add(kind.trim());
            }
        }
        b.put("ignore", ignore);
        try {
            return JSON.writeValueAsString(b);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
