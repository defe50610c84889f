package dev.magpie.jmeter.regex;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.magpie.jmeter.loader.TestPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.jmeter.extractor.BoundaryExtractor;
import org.apache.jmeter.samplers.SampleResult;
import org.apache.jmeter.threads.JMeterContext;
import org.apache.jmeter.threads.JMeterContextService;
import org.apache.jmeter.threads.JMeterVariables;
import org.apache.jmeter.util.JMeterUtils;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * Every Boundary Extractor the Rust core offers on our recordings (jmeter-fixtures/boundary-vectors.json,
 * kept current by a Rust test that also checks them with the core's own reading) must yield the
 * same value when JMeter's own BoundaryExtractor runs it on the same response.
 */
public class BoundaryCompatibilityTest {

    @BeforeClass
    public static void jmeter() {
        Path props = TestPaths.jmeterHome().resolve("bin/jmeter.properties");
        assertTrue(props + " missing: run `gradle jmeterHome`", Files.isRegularFile(props));
        JMeterUtils.setJMeterHome(TestPaths.jmeterHome().toString());
        JMeterUtils.loadJMeterProperties(props.toString());
        JMeterUtils.setLocale(Locale.ENGLISH);
    }

    @Test
    public void offeredBoundariesYieldTheValueInJMeter() throws Exception {
        JsonNode all = new ObjectMapper().readTree(TestPaths.repo().resolve("jmeter-fixtures/boundary-vectors.json").toFile());
        assertTrue("expected boundary vectors", all.size() >= 10);
        JMeterContext context = JMeterContextService.getContext();
        for (JsonNode v : all) {
            JMeterVariables vars = new JMeterVariables();
            context.setVariables(vars);
            SampleResult result = new SampleResult();
            String text = v.get("text").asText();
            boolean headers = v.get("headers").asBoolean();
            if (headers) {
                result.setResponseHeaders(text);
            } else {
                result.setResponseData(text.getBytes(StandardCharsets.UTF_8));
                result.setDataEncoding("UTF-8");
            }
            context.setPreviousResult(result);
            BoundaryExtractor extractor = new BoundaryExtractor();
            extractor.setThreadContext(context);
            extractor.setRefName("value");
            extractor.setLeftBoundary(v.get("left").asText());
            extractor.setRightBoundary(v.get("right").asText());
            extractor.setMatchNumber(v.get("match_no").asInt());
            extractor.setDefaultValue("NOT_FOUND");
            extractor.setUseField(headers ? "true" : "false");
            extractor.process();
            assertEquals(v.get("source").asText() + ": " + v.get("left") + " … " + v.get("right"),
                    v.get("expected").asText(), vars.get("value"));
        }
    }
}
