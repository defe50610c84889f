package dev.magpie.jmeter.regex;

import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.magpie.jmeter.loader.TestPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.threads.JMeterContext;
import org.apache.jmeter.threads.JMeterContextService;
import org.apache.jmeter.threads.JMeterVariables;
import org.apache.jmeter.util.JMeterUtils;

/**
 * Runs JMeter's own extractors on the vectors the Rust core writes to jmeter-fixtures/ (kept
 * current by the core's `regex_vectors` test): JMeter initialised from build/jmeter, each vector's
 * text as the previous sample's response, fresh variables per vector.
 */
final class ExtractorVectors {
    private static boolean initialised;

    private ExtractorVectors() {
    }

    /** The vectors in jmeter-fixtures/{@code file}, at least {@code atLeast} of them. */
    static JsonNode read(String file, int atLeast) throws Exception {
        init();
        JsonNode all = new ObjectMapper().readTree(TestPaths.repo().resolve("jmeter-fixtures").resolve(file).toFile());
        assertTrue("expected at least " + atLeast + " vectors in " + file, all.size() >= atLeast);
        return all;
    }

    /** A thread context whose previous result holds {@code text} (as headers or as the body). */
    static JMeterContext contextWith(String text, boolean headers) {
        JMeterContext context = JMeterContextService.getContext();
        context.setVariables(new JMeterVariables());
        // JMeter clears it after every sample; the CSS extractor caches the parsed page in it.
        context.getSamplerContext().clear();
        SampleResult result = new SampleResult();
        if (headers) {
            result.setResponseHeaders(text);
        } else {
            result.setResponseData(text.getBytes(StandardCharsets.UTF_8));
            result.setDataEncoding("UTF-8");
        }
        context.setPreviousResult(result);
        return context;
    }

    private static synchronized void init() {
        if (initialised) {
            return;
        }
        Path props = TestPaths.jmeterHome().resolve("bin/jmeter.properties");
        assertTrue(props + " missing: run `gradle jmeterHome`", Files.isRegularFile(props));
        JMeterUtils.setJMeterHome(TestPaths.jmeterHome().toString());
        JMeterUtils.loadJMeterProperties(props.toString());
        JMeterUtils.setLocale(Locale.ENGLISH);
        initialised = true;
    }
}
