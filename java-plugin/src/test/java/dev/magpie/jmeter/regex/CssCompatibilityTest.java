package dev.magpie.jmeter.regex;

import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.jmeter.extractor.HtmlExtractor;
import org.apache.jmeter.threads.JMeterContext;
import org.junit.Test;

/**
 * Every CSS selector + attribute the Rust core (scraper) offers or chooses on our recordings
 * (jmeter-fixtures/css-vectors.json) must yield the recorded value when JMeter's CSS Selector
 * Extractor runs it on the same page, with its default implementation (Jsoup) and the same
 * match number.
 */
public class CssCompatibilityTest {

    @Test
    public void generatedSelectorsYieldTheValueInJMeter() throws Exception {
        for (JsonNode v : ExtractorVectors.read("css-vectors.json", 5)) {
            JMeterContext context = ExtractorVectors.contextWith(v.get("text").asText(), false);
            HtmlExtractor extractor = new HtmlExtractor();
            extractor.setThreadContext(context);
            extractor.setRefName("value");
            extractor.setExpression(v.get("selector").asText());
            extractor.setAttribute(v.get("attribute").asText());
            extractor.setMatchNumber(v.get("match_no").asInt());
            extractor.setDefaultValue("NOT_FOUND");
            extractor.process();
            assertEquals(v.get("source").asText() + ": " + v.get("selector").asText() + " @" + v.get("attribute").asText(),
                    v.get("expected").asText(), context.getVariables().get("value"));
        }
    }
}
