package dev.magpie.jmeter.regex;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.jmeter.extractor.json.jsonpath.JSONPostProcessor;
import org.apache.jmeter.threads.JMeterContext;
import org.junit.Test;

/**
 * Every JSONPath the Rust core offers or chooses on our recordings (jmeter-fixtures/jsonpath-vectors.json)
 * must yield the recorded value when JMeter's JSON Extractor (Jayway JsonPath) runs it on the
 * same response, with the same match number.
 */
public class JsonPathCompatibilityTest {

    @Test
    public void generatedPathsYieldTheValueInJMeter() throws Exception {
        for (JsonNode v : ExtractorVectors.read("jsonpath-vectors.json", 10)) {
            JMeterContext context = ExtractorVectors.contextWith(v.get("text").asText(), false);
            JSONPostProcessor extractor = new JSONPostProcessor();
            extractor.setThreadContext(context);
            extractor.setRefNames("value");
            extractor.setJsonPathExpressions(v.get("path").asText());
            extractor.setMatchNumbers(v.get("match_no").asText());
            extractor.setDefaultValues("NOT_FOUND");
            extractor.setComputeConcatenation(false);
            extractor.process();
            assertEquals(v.get("source").asText() + ": " + v.get("path").asText(),
                    v.get("expected").asText(), context.getVariables().get("value"));
        }
    }
}
