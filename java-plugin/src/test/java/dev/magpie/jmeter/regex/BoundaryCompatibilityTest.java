package dev.magpie.jmeter.regex;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.jmeter.extractor.BoundaryExtractor;
import org.apache.jmeter.threads.JMeterContext;
import org.junit.Test;

/**
 * Every Boundary Extractor the Rust core offers on our recordings (jmeter-fixtures/boundary-vectors.json,
 * kept current by a Rust test that also checks them with the core's own reading) must yield the
 * same value when JMeter's own BoundaryExtractor runs it on the same response.
 */
public class BoundaryCompatibilityTest {

    @Test
    public void offeredBoundariesYieldTheValueInJMeter() throws Exception {
        for (JsonNode v : ExtractorVectors.read("boundary-vectors.json", 10)) {
            boolean headers = v.get("headers").asBoolean();
            JMeterContext context = ExtractorVectors.contextWith(v.get("text").asText(), headers);
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
                    v.get("expected").asText(), context.getVariables().get("value"));
        }
    }
}
